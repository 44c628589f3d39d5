import { eventType } from "inngest";
import { z } from "zod";

/**
 * Every background event, typed, in one place. Events are `domain/noun.verb` and carry the tenant id
 * and record ids ONLY — never names, phones, emails, results or note text (DESIGN §3.6): the job
 * engine is infrastructure that must not hold patient data. `tenantPayload` enforces that shape: the
 * object is strict (unknown keys are rejected), so a stray field cannot slip into a payload.
 *
 * To add an event: define it here with `eventType(name, { schema: tenantPayload({...}) })`, add it to `jobEvents`, enqueue it with
 * `enqueueEvent(trx, "<name>", data)` inside the transaction of the change that causes it.
 */
const id = z.uuid();
/** Not an identifier: which consent purpose a reminder or a withdrawal is about (lets cancelOn match precisely). */
const purpose = z.enum(["care", "marketing"]);

/** Strict object: the tenant id plus the given record ids; unknown keys are rejected. */
function tenantPayload<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject({ tenantId: id, ...shape });
}

/** A reminder was created (or re-armed): deliver it at its scheduled time. */
export const reminderScheduled = eventType("reminder/reminder.scheduled", { schema: tenantPayload({ reminderId: id, patientId: id, purpose }) });
/** A reminder was cancelled by staff: stops the waiting delivery run (cancelOn) as well. */
export const reminderCancelled = eventType("reminder/reminder.cancelled", { schema: tenantPayload({ reminderId: id, patientId: id, purpose }) });
/** A consent was withdrawn (staff, portal or opt-out link): queued reminders of that purpose stop. */
export const consentWithdrawn = eventType("patient/consent.withdrawn", { schema: tenantPayload({ patientId: id, consentId: id, purpose }) });
/** A patient was deactivated (archived, deceased): every queued reminder stops. */
export const patientDeactivated = eventType("patient/patient.deactivated", { schema: tenantPayload({ patientId: id }) });

/** New observations (or a changed health record): re-assess the risk models of these patients. */
export const riskAssessmentRequested = eventType("risk/assessment.requested", { schema: tenantPayload({ patientIds: z.array(id).min(1).max(2000) }) });
/** A batch of health reports was requested: render each queued report of the batch. */
export const reportBatchRequested = eventType("report/batch.requested", { schema: tenantPayload({ batchId: id }) });
/** A tenant admin asked to re-run every enabled rule on every patient (progress in `rule_runs`). */
export const rulesRerunRequested = eventType("rules/rerun.requested", { schema: tenantPayload({ runId: id }) });

export const jobEvents = {
  [reminderScheduled.name]: reminderScheduled,
  [reminderCancelled.name]: reminderCancelled,
  [consentWithdrawn.name]: consentWithdrawn,
  [patientDeactivated.name]: patientDeactivated,
  [riskAssessmentRequested.name]: riskAssessmentRequested,
  [reportBatchRequested.name]: reportBatchRequested,
  [rulesRerunRequested.name]: rulesRerunRequested,
} as const;

export type JobEventName = keyof typeof jobEvents;
export type JobEventData<N extends JobEventName> = z.infer<NonNullable<(typeof jobEvents)[N]["schema"]>>;

export function isJobEventName(name: string): name is JobEventName {
  return Object.hasOwn(jobEvents, name);
}

/** Validates a payload against its event's schema; throws a ZodError on anything else. */
export function parseEventData<N extends JobEventName>(name: N, data: unknown): JobEventData<N> {
  return (jobEvents[name].schema as unknown as z.ZodType<JobEventData<N>>).parse(data);
}
