import type { TenantDb } from "@/db/tenant";
import type { AuditActor } from "@/server/audit/record";
import { evaluatePatients } from "./rule-engine";

/**
 * The hook every service calls after a change that can alter a patient's facts (new observations, a
 * completed form, a record update, a card opened or changed), inside the SAME transaction: the tags,
 * tasks and plans a rule causes commit or roll back with the change itself. Unchanged outcome → no write.
 */
export async function evaluateAfterChange(trx: TenantDb, ctx: { tenant: { id: string }; actor: AuditActor } | { tenantId: string; actor: AuditActor }, patientIds: readonly string[]): Promise<void> {
  const tenantId = "tenant" in ctx ? ctx.tenant.id : ctx.tenantId;
  await evaluatePatients(trx, { tenantId, actor: ctx.actor }, patientIds, { audit: patientIds.length > 20 ? "batch" : "per-patient" });
}
