import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { redactContacts } from "./redact";

export interface JobFailure {
  functionId: string;
  eventName: string;
  eventId: string | null;
  /** The event payload: tenant id and record ids only. */
  payload: Record<string, unknown>;
  error: string;
  attempts: number;
}

/** Adds a permanently failed run to the tenant's dead-letter list (once per function and event). */
export async function recordJobFailure(db: TenantDb, failure: JobFailure): Promise<void> {
  await db
    .insertInto("job_failures")
    .values({
      id: uuidv7(),
      function_id: failure.functionId,
      event_name: failure.eventName,
      event_id: failure.eventId,
      payload: JSON.stringify(failure.payload),
      error: redactContacts(failure.error),
      attempts: failure.attempts,
    })
    .onConflict((oc) => oc.columns(["function_id", "event_id"]).doNothing())
    .execute();
}
