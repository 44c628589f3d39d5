import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { parseEventData, type JobEventData, type JobEventName } from "./events";

export interface EnqueueOptions {
  /** Do not deliver before this time (the relay leaves the row pending until then). */
  notBefore?: Date;
}

/**
 * Writes an event to the tenant's outbox inside the caller's transaction: the event exists if and only
 * if the change that caused it committed. The relay delivers it later; the row id becomes the Inngest
 * event id, so a relay that sends twice (crash between send and mark) is deduplicated by Inngest.
 * Returns the event id.
 */
export async function enqueueEvent<N extends JobEventName>(trx: TenantDb, name: N, data: JobEventData<N>, options: EnqueueOptions = {}): Promise<string> {
  if (!trx.isTransaction) throw new Error("enqueueEvent must run inside the transaction of the change that causes the event");
  const payload = parseEventData(name, data);
  const id = uuidv7();
  await trx
    .insertInto("outbox_events")
    .values({ id, event_name: name, payload: JSON.stringify(payload), ...(options.notBefore ? { available_at: options.notBefore } : {}) })
    .execute();
  return id;
}
