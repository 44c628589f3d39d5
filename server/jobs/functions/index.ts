import type { AnyEventJob } from "../define";
import { recordJobFailureFn } from "./record-job-failure";
import { relayOutbox } from "./relay-outbox";

/**
 * The registry of background functions (one file each in this folder). Event-triggered jobs built with
 * `defineEventJob` go in `eventJobs` — the inline executor runs them — and every Inngest function in
 * `functions`, which /api/inngest serves.
 */
export const eventJobs: AnyEventJob[] = [];

export const functions = [relayOutbox, recordJobFailureFn, ...eventJobs.map((job) => job.fn)];
