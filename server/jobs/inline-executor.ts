import { NonRetriableError } from "inngest";
import { v7 as uuidv7 } from "uuid";
import type { JobStep } from "./define";
import { recordJobFailure } from "./dead-letter";
import { isJobEventName, parseEventData } from "./events";
import { eventJobs } from "./functions";
import { errorText } from "./redact";
import type { DeliveryOutcome, OutboxDeliverer, OutboxRecord } from "./relay";
import type { SystemTenant } from "./system-tenant";

/** Thrown by the inline `sleepUntil` when the time has not come: the run resumes from the outbox later. */
class SleepSignal {
  constructor(readonly until: Date) {}
}

/**
 * Steps run in-process. Results go through JSON exactly as Inngest would store them. There is no
 * memoisation across wake-ups: a run that slept starts again from the top, so every function must be
 * idempotent step by step — which the contract with Inngest requires anyway.
 */
const inlineStep: JobStep = {
  async run(_id, fn) {
    const value = await fn();
    return value === undefined ? value : JSON.parse(JSON.stringify(value));
  },
  async sleepUntil(_id, until) {
    if (until.getTime() > Date.now()) throw new SleepSignal(until);
  },
};

async function runOne(tenant: SystemTenant, event: OutboxRecord): Promise<DeliveryOutcome> {
  if (!isJobEventName(event.name)) return { kind: "dead", error: `unknown event ${event.name}` };
  const jobs = eventJobs.filter((job) => job.spec.event === event.name);
  let wait: Date | null = null;
  let dead: string | null = null;
  for (const job of jobs) {
    try {
      await job.handler({
        event: { id: event.id, name: event.name, data: parseEventData(event.name, event.data) },
        step: inlineStep,
        attempt: event.attempts,
        runId: `inline-${uuidv7()}`,
      });
    } catch (error) {
      if (error instanceof SleepSignal) {
        if (!wait || error.until < wait) wait = error.until;
        continue;
      }
      const text = errorText(error);
      if (error instanceof NonRetriableError || event.attempts >= job.spec.retries) {
        await recordJobFailure(tenant.db, {
          functionId: job.spec.id,
          eventName: event.name,
          eventId: event.id,
          payload: event.data,
          error: text,
          attempts: event.attempts + 1,
        });
        dead = text;
        continue;
      }
      return { kind: "retry", error: text };
    }
  }
  if (wait) return { kind: "wait", until: wait };
  return dead ? { kind: "dead", error: dead } : { kind: "sent" };
}

/**
 * Development and test mode without an Inngest server (JOBS_EXECUTOR=inline): the relay hands each
 * event to the functions that subscribe to it, in this process. Sleeps become a later `available_at`
 * on the outbox row; failures retry with the relay's backoff; exhausted runs land in the dead-letter list.
 */
export const inlineExecutor: OutboxDeliverer = {
  async deliver(tenant, events) {
    const outcomes = new Map<string, DeliveryOutcome>();
    for (const event of events) outcomes.set(event.id, await runOne(tenant, event));
    return outcomes;
  },
};
