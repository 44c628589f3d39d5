import type { AnyEventJob } from "../define";
import { deliverReminder } from "./deliver-reminder";
import { escalateAbnormalResults } from "./escalate-abnormal-results";
import { expireMemberCards } from "./expire-member-cards";
import { escalateFollowupTasks } from "./escalate-followup-tasks";
import { followupSchedulerTick } from "./followup-scheduler-tick";
import { recordJobFailureFn } from "./record-job-failure";
import { reassessRisk } from "./reassess-risk";
import { relayOutbox } from "./relay-outbox";
import { renderReportBatch } from "./render-report-batch";
import { rulesDaily } from "./rules-daily";
import { rulesRerun } from "./rules-rerun";
import { sendTaskDigestsFn } from "./send-task-digests";

/**
 * The registry of background functions (one file each in this folder). Event-triggered jobs built with
 * `defineEventJob` go in `eventJobs` — the inline executor runs them — and every Inngest function in
 * `functions`, which /api/inngest serves.
 */
export const eventJobs: AnyEventJob[] = [
  deliverReminder as unknown as AnyEventJob,
  reassessRisk as unknown as AnyEventJob,
  renderReportBatch as unknown as AnyEventJob,
  rulesRerun as unknown as AnyEventJob,
];

export const functions = [relayOutbox, recordJobFailureFn, escalateAbnormalResults, rulesDaily, expireMemberCards, escalateFollowupTasks, sendTaskDigestsFn, followupSchedulerTick, ...eventJobs.map((job) => job.fn)];
