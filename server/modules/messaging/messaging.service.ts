import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { openFieldOrNull } from "@/server/crypto/field-crypto";
import { getTenantKeyring } from "@/server/crypto/tenant-keys";
import { isJobEventName, parseEventData } from "@/server/jobs/events";
import { getChannels } from "@/server/notify/config";
import { patientKey, type PatientContext } from "@/server/modules/patient/patient-context";

/** Tenant-admin views of background work: messaging settings, the development outbox, dead letters. */
export interface AdminContext {
  db: TenantDb;
  actor: AuditActor;
  tenant: { id: string; slug: string };
  database: PatientContext["database"];
}

export async function getMessagingSettings(ctx: AdminContext) {
  const s = await ctx.db.selectFrom("messaging_settings").selectAll().where("id", "=", 1).executeTakeFirstOrThrow();
  const channels = getChannels();
  return {
    quietStart: s.quiet_start,
    quietEnd: s.quiet_end,
    dailyCap: s.daily_cap,
    providers: { sms: channels.sms?.name ?? null, email: channels.email?.name ?? null },
  };
}

export async function updateMessagingSettings(ctx: AdminContext, input: { quietStart: string; quietEnd: string; dailyCap: number }) {
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("messaging_settings")
      .set({ quiet_start: input.quietStart, quiet_end: input.quietEnd, daily_cap: input.dailyCap, updated_by: ctx.actor.userId, updated_at: new Date() })
      .where("id", "=", 1)
      .execute();
    await recordAudit(trx, ctx.actor, { action: "messaging.settings_update", resourceType: "messaging_settings", details: input });
    return input;
  });
}

/** Messages that would have been sent (no provider configured), newest first. Reading them is audited. */
export async function listDevOutbox(ctx: AdminContext, limit = 100) {
  const ring = await getTenantKeyring(ctx.database.control, ctx.tenant.id);
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("dev_outbox_messages as m")
      .leftJoin("patients as p", "p.id", "m.patient_id")
      .select(["m.id", "m.channel", "m.recipient_masked", "m.subject_sealed", "m.body_sealed", "m.created_at", "m.patient_id", "p.key_sealed"])
      .orderBy("m.id", "desc")
      .limit(limit)
      .execute();
    await recordAudit(trx, ctx.actor, { action: "messaging.outbox_read", resourceType: "dev_outbox", details: { count: rows.length } });
    return rows.map((r) => {
      const key = r.patient_id ? patientKey(ring, r.patient_id, r.key_sealed) : null;
      const b = (column: string) => ({ tenantId: ctx.tenant.id, table: "dev_outbox_messages", column, rowId: r.id });
      return {
        id: r.id,
        channel: r.channel,
        recipient: r.recipient_masked,
        patientId: r.patient_id,
        subject: key ? openFieldOrNull(key, r.subject_sealed, b("subject")) : null,
        body: key ? openFieldOrNull(key, r.body_sealed, b("body")) : null,
        createdAt: r.created_at,
      };
    });
  });
}

export async function listJobFailures(ctx: AdminContext, includeResolved: boolean) {
  let q = ctx.db.selectFrom("job_failures").selectAll().orderBy("id", "desc").limit(200);
  if (!includeResolved) q = q.where("resolved_at", "is", null);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    functionId: r.function_id,
    eventName: r.event_name,
    payload: r.payload,
    error: r.error,
    attempts: r.attempts,
    failedAt: r.failed_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
  }));
}

/** Retry: the original event goes back into the outbox (a new id, so Inngest runs it again). */
export async function resolveJobFailure(ctx: AdminContext, failureId: string, resolution: "retried" | "dismissed") {
  return ctx.db.transaction().execute(async (trx) => {
    const failure = await trx.selectFrom("job_failures").selectAll().where("id", "=", failureId).forUpdate().executeTakeFirst();
    if (!failure) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    if (failure.resolved_at) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.jobFailureResolved" });
    if (resolution === "retried") {
      if (!isJobEventName(failure.event_name)) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.jobNotRetryable" });
      const data = parseEventData(failure.event_name, failure.payload);
      if (data.tenantId !== ctx.tenant.id) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
      await trx.insertInto("outbox_events").values({ id: uuidv7(), event_name: failure.event_name, payload: JSON.stringify(data) }).execute();
    }
    await trx.updateTable("job_failures").set({ resolved_at: new Date(), resolved_by: ctx.actor.userId, resolution }).where("id", "=", failure.id).execute();
    await recordAudit(trx, ctx.actor, { action: `jobs.failure_${resolution}`, resourceType: "job_failure", resourceId: failure.id, details: { functionId: failure.function_id, eventName: failure.event_name } });
    return { id: failure.id, resolution };
  });
}
