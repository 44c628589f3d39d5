import type { GetStepTools } from "inngest";
import { inngest } from "./client";
import { jobEvents, parseEventData, type JobEventData, type JobEventName } from "./events";

/**
 * The part of Inngest's step API our functions use. Step results must be JSON (ISO strings, not Dates):
 * Inngest stores them between invocations, and the inline executor round-trips them the same way.
 */
export interface JobStep {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
  sleepUntil(id: string, until: Date): Promise<void>;
}

export interface JobRun<N extends JobEventName> {
  event: { id: string | null; name: N; data: JobEventData<N> };
  step: JobStep;
  /** 0 on the first attempt, then 1, 2, … on retries. */
  attempt: number;
  runId: string;
}

export interface CancelOn {
  event: JobEventName;
  /** CEL over `event` (the trigger) and `async` (the cancelling event). */
  if: string;
}

export interface EventJobSpec<N extends JobEventName> {
  id: string;
  event: N;
  /** Retries after the first attempt (Inngest backs off exponentially with jitter). Default 4. */
  retries?: number;
  /** Concurrent runs per tenant, so one big tenant cannot starve the rest. Default 5. */
  tenantConcurrency?: number;
  cancelOn?: CancelOn[];
}

export type JobHandler<N extends JobEventName> = (run: JobRun<N>) => Promise<unknown>;

export interface EventJob<N extends JobEventName = JobEventName> {
  spec: Required<Omit<EventJobSpec<N>, "cancelOn">> & { cancelOn: CancelOn[] };
  handler: JobHandler<N>;
  fn: ReturnType<typeof inngest.createFunction>;
}

/** A job of any event, as the registry and the inline executor hold it (method syntax: bivariant handler). */
export interface AnyEventJob {
  spec: { id: string; event: JobEventName; retries: number; tenantConcurrency: number; cancelOn: CancelOn[] };
  handler(run: JobRun<JobEventName>): Promise<unknown>;
  fn: ReturnType<typeof inngest.createFunction>;
}

type InngestStep = GetStepTools<typeof inngest>;

function adaptStep(step: InngestStep): JobStep {
  return {
    run: <T>(id: string, fn: () => Promise<T>) => step.run(id, fn) as unknown as Promise<T>,
    sleepUntil: (id: string, until: Date) => step.sleepUntil(id, until),
  };
}

/**
 * One event-triggered function: the plain handler (run by the inline executor and callable in tests)
 * and its Inngest wrapper, with per-tenant concurrency, retries and cancellation declared once.
 */
export function defineEventJob<N extends JobEventName>(spec: EventJobSpec<N>, handler: JobHandler<N>): EventJob<N> {
  const full = { retries: 4, tenantConcurrency: 5, ...spec, cancelOn: spec.cancelOn ?? [] };
  const fn = inngest.createFunction(
    {
      id: full.id,
      triggers: [jobEvents[full.event]],
      retries: full.retries as 4,
      concurrency: [{ key: "event.data.tenantId", limit: full.tenantConcurrency }],
      cancelOn: full.cancelOn.map((c) => ({ event: c.event, if: c.if })),
    },
    async ({ event, step, attempt, runId }) =>
      handler({
        event: { id: event.id ?? null, name: full.event, data: parseEventData(full.event, event.data) },
        step: adaptStep(step as unknown as InngestStep),
        attempt,
        runId,
      }),
  );
  return { spec: full, handler, fn };
}
