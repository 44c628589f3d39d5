import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import type { TenantDb } from "@/db/tenant";
import type { ConsentPurpose, ConsentSource, MessageChannel } from "@/db/types/tenant";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { enqueueEvent } from "@/server/jobs/outbox";
import { systemTenantById } from "@/server/jobs/system-tenant";
import { verifyOptOut } from "@/server/notify/opt-out-token";
import { addTimelineEvent, inPatientTransaction, loadPatientInScope, type PatientContext } from "@/server/modules/patient/patient-context";
import { cancelQueuedReminders } from "@/server/modules/reminder/reminder-cancellation";
import { currentConsents } from "./consent-state";

export interface ConsentChange {
  patientId: string;
  purpose: ConsentPurpose;
  action: "grant" | "withdraw";
  source: ConsentSource;
  channel?: MessageChannel | null;
}

/**
 * Appends a consent record (history is never overwritten). A withdrawal cancels the patient's queued
 * reminders of that purpose in the same transaction and tells running deliveries to stop.
 */
async function appendConsent(trx: TenantDb, tenantId: string, change: ConsentChange, recordedBy: string | null) {
  const id = uuidv7();
  await trx
    .insertInto("patient_consents")
    .values({ id, patient_id: change.patientId, purpose: change.purpose, action: change.action, source: change.source, channel: change.channel ?? null, recorded_by: recordedBy })
    .execute();
  let cancelled: string[] = [];
  if (change.action === "withdraw") {
    cancelled = await cancelQueuedReminders(trx, change.patientId, "consent_withdrawn", { purpose: change.purpose, by: recordedBy });
    await enqueueEvent(trx, "patient/consent.withdrawn", { tenantId, patientId: change.patientId, consentId: id, purpose: change.purpose });
  }
  return { id, cancelled };
}

export async function recordConsent(ctx: PatientContext, change: ConsentChange) {
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, change.patientId, "consent.record");
    const result = await appendConsent(trx, ctx.tenant.id, change, ctx.actor.userId);
    await addTimelineEvent(trx, ctx, change.patientId, `consent.${change.action}`, { purpose: change.purpose, source: change.source, cancelledReminders: result.cancelled.length });
    await recordAudit(trx, ctx.actor, {
      action: `consent.${change.action}`,
      resourceType: "consent",
      resourceId: result.id,
      patientId: change.patientId,
      details: { purpose: change.purpose, source: change.source, channel: change.channel ?? null, cancelledReminders: result.cancelled.length },
    });
    return { consentId: result.id, cancelledReminders: result.cancelled.length };
  });
}

/** Current state per purpose and the full history, newest first (an audited read). */
export async function consentOverview(ctx: PatientContext, patientId: string) {
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, patientId, "consent.read");
    const current = await currentConsents(trx, patientId);
    const history = await trx
      .selectFrom("patient_consents")
      .select(["id", "purpose", "action", "source", "channel", "recorded_by", "recorded_at"])
      .where("patient_id", "=", patientId)
      .orderBy("id", "desc")
      .limit(200)
      .execute();
    await recordAudit(trx, ctx.actor, { action: "consent.read", resourceType: "patient", resourceId: patientId, patientId });
    return { current, history };
  });
}

export type OptOutResult = { ok: true; purpose: ConsentPurpose; hospital: string } | { ok: false };

/**
 * The opt-out link in a message: verified token → a withdrawal recorded at once (source opt_out_link)
 * in the patient's tenant. Using the link again records nothing new.
 */
export async function withdrawByOptOut(database: DatabaseHandle, token: string, request: { ip: string | null; userAgent: string | null }): Promise<OptOutResult> {
  const optOut = verifyOptOut(token);
  if (!optOut) return { ok: false };
  const tenant = await systemTenantById(database, optOut.tenantId);
  if (!tenant) return { ok: false };
  const hospital = (await database.control.selectFrom("tenants").select("name").where("id", "=", tenant.id).executeTakeFirstOrThrow()).name;
  const done = await tenant.db.transaction().execute(async (trx) => {
    const patient = await trx.selectFrom("patients").select("id").where("id", "=", optOut.patientId).executeTakeFirst();
    if (!patient) return false;
    const current = await currentConsents(trx, optOut.patientId);
    if (current[optOut.purpose]?.granted === false) return true;
    const actor: AuditActor = { userId: null, role: "patient", tenantId: tenant.id, requestId: null, ip: request.ip, userAgent: request.userAgent };
    const result = await appendConsent(trx, tenant.id, { patientId: optOut.patientId, purpose: optOut.purpose, action: "withdraw", source: "opt_out_link", channel: optOut.channel }, null);
    await trx
      .insertInto("patient_events")
      .values({ id: uuidv7(), patient_id: optOut.patientId, kind: "consent.withdraw", actor_user_id: null, details: JSON.stringify({ purpose: optOut.purpose, source: "opt_out_link" }) })
      .execute();
    await recordAudit(trx, actor, {
      action: "consent.withdraw",
      resourceType: "consent",
      resourceId: result.id,
      patientId: optOut.patientId,
      details: { purpose: optOut.purpose, source: "opt_out_link", channel: optOut.channel, cancelledReminders: result.cancelled.length },
    });
    return true;
  });
  return done ? { ok: true, purpose: optOut.purpose, hospital } : { ok: false };
}
