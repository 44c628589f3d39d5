import type { TenantDb } from "@/db/tenant";
import type { ConsentPurpose } from "@/db/types/tenant";

export type CancelReason = "staff" | "consent_withdrawn" | "patient_inactive";

/**
 * Marks a patient's queued reminders cancelled inside the caller's transaction (optionally only one
 * purpose). The delivery run stops through `cancelOn`, and — should that event be late — through the
 * re-check just before sending, which reads this status.
 */
export async function cancelQueuedReminders(trx: TenantDb, patientId: string, reason: CancelReason, options: { purpose?: ConsentPurpose; by?: string | null } = {}): Promise<string[]> {
  let q = trx
    .updateTable("reminders")
    .set({ status: "cancelled", status_reason: reason, cancelled_at: new Date(), cancelled_by: options.by ?? null, updated_at: new Date() })
    .where("patient_id", "=", patientId)
    .where("status", "in", ["scheduled", "deferred"]);
  if (options.purpose) q = q.where("purpose", "=", options.purpose);
  return (await q.returning("id").execute()).map((r) => r.id);
}
