import { sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import type { TenantDb } from "@/db/tenant";
import type { MessageChannel, ReminderStatus } from "@/db/types/tenant";
import { renderReminder } from "@/emails/render";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { openFieldOrNull, openPatientKey, sealField } from "@/server/crypto/field-crypto";
import type { SealingKey } from "@/server/crypto/secret-box";
import { getTenantKeyring } from "@/server/crypto/tenant-keys";
import { errorText } from "@/server/jobs/redact";
import type { SystemTenant } from "@/server/jobs/system-tenant";
import type { NotifyChannels } from "@/server/notify/config";
import { signOptOut } from "@/server/notify/opt-out-token";
import { PermanentSendError, TransientSendError, type SendReceipt } from "@/server/notify/types";
import { hasConsent } from "@/server/modules/consent/consent-state";
import { maskEmail, maskPhone } from "@/server/modules/patient/rules/masking";
import { decideSend } from "./rules/send-window";
import { localDayBounds } from "./rules/zoned-time";

/** Transient provider failures tolerated per delivery before it is marked failed. */
export const MAX_SEND_ATTEMPTS = 5;

export type Plan = { state: "due"; sendAt: string; channels: MessageChannel[] } | { state: "done"; reason: string };

export type ChannelOutcome =
  | { kind: "done"; status: "sent" | "failed" | "skipped" | "unconfirmed" | "cancelled"; reason?: string }
  | { kind: "deferred"; until: string; reason: "quiet_hours" | "daily_cap" };

const QUEUED: ReminderStatus[] = ["scheduled", "deferred"];
const COUNTS_TOWARDS_CAP = ["sending", "sent", "delivered", "unconfirmed"] as const;

function systemActor(tenant: SystemTenant): AuditActor {
  return { userId: null, role: "system", tenantId: tenant.id, requestId: null, ip: null, userAgent: "reminder-delivery" };
}

/** When to send and on which channels — or why nothing is to be sent any more. */
export async function planReminderDelivery(tenant: SystemTenant, reminderId: string): Promise<Plan> {
  const r = await tenant.db.selectFrom("reminders").select(["status", "send_at", "channels"]).where("id", "=", reminderId).executeTakeFirst();
  if (!r) return { state: "done", reason: "not_found" };
  if (!QUEUED.includes(r.status)) return { state: "done", reason: r.status };
  return { state: "due", sendAt: r.send_at.toISOString(), channels: r.channels };
}

async function settingsOf(db: TenantDb) {
  const s = await db.selectFrom("messaging_settings").select(["quiet_start", "quiet_end", "daily_cap"]).where("id", "=", 1).executeTakeFirst();
  return s ?? { quiet_start: "21:00", quiet_end: "08:00", daily_cap: 3 };
}

async function remindersSentToday(db: TenantDb, patientId: string, reminderId: string, now: Date, timeZone: string): Promise<number> {
  const { start, end } = localDayBounds(now, timeZone);
  const row = await db
    .selectFrom("reminder_deliveries")
    .select(sql<string>`count(distinct reminder_id)`.as("n"))
    .where("patient_id", "=", patientId)
    .where("reminder_id", "!=", reminderId)
    .where("status", "in", [...COUNTS_TOWARDS_CAP])
    .where("sent_at", ">=", start)
    .where("sent_at", "<", end)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function formatWhen(at: Date | null, locale: "zh-CN" | "en", timeZone: string): string | null {
  if (!at) return null;
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", { timeZone, dateStyle: "long", timeStyle: "short", hourCycle: "h23" }).format(at);
}

type Claim =
  | { kind: "outcome"; outcome: ChannelOutcome }
  | { kind: "send"; deliveryId: string; idempotencyKey: string; attempts: number; to: string; key: SealingKey; reminder: { kind: string; purpose: "care" | "marketing"; locale: "zh-CN" | "en"; subjectAt: Date | null; note: string | null; link: string | null }; patientId: string };

/**
 * The check just before sending, in one transaction: reminder still queued, patient active, consent
 * granted NOW, quiet hours and the daily cap; then the delivery row (unique per reminder × channel ×
 * scheduled time) is written with status `sending` and committed BEFORE the provider is called.
 * A row already `sending` means an earlier attempt died after (maybe) handing the message over: it is
 * marked `unconfirmed` and not sent again — at most once, never twice.
 */
async function claimDelivery(tenant: SystemTenant, reminderId: string, channel: MessageChannel, now: Date, ringKey: (patientId: string, sealed: string) => SealingKey): Promise<Claim> {
  return tenant.db.transaction().execute(async (trx): Promise<Claim> => {
    const r = await trx.selectFrom("reminders").selectAll().where("id", "=", reminderId).forUpdate().executeTakeFirst();
    if (!r) return { kind: "outcome", outcome: { kind: "done", status: "cancelled", reason: "not_found" } };
    if (!QUEUED.includes(r.status)) return { kind: "outcome", outcome: { kind: "done", status: "cancelled", reason: r.status } };
    const existing = await trx
      .selectFrom("reminder_deliveries")
      .select(["id", "status", "attempts", "idempotency_key"])
      .where("reminder_id", "=", r.id)
      .where("channel", "=", channel)
      .where("scheduled_for", "=", r.send_at)
      .executeTakeFirst();
    if (existing && existing.status === "sending") {
      await trx.updateTable("reminder_deliveries").set({ status: "unconfirmed", status_reason: "interrupted_while_sending", updated_at: new Date() }).where("id", "=", existing.id).execute();
      return { kind: "outcome", outcome: { kind: "done", status: "unconfirmed" } };
    }
    if (existing && existing.status !== "retrying") return { kind: "outcome", outcome: { kind: "done", status: existing.status === "delivered" ? "sent" : (existing.status as "sent" | "failed" | "skipped" | "unconfirmed") } };

    const patient = await trx.selectFrom("patients").select(["id", "status", "key_sealed", "phone_sealed", "email_sealed"]).where("id", "=", r.patient_id).executeTakeFirstOrThrow();
    const skip = async (reason: string): Promise<Claim> => {
      await trx
        .insertInto("reminder_deliveries")
        .values({ id: uuidv7(), reminder_id: r.id, patient_id: r.patient_id, channel, scheduled_for: r.send_at, status: "skipped", status_reason: reason, idempotency_key: uuidv7() })
        .onConflict((oc) => oc.constraint("reminder_deliveries_once_key").doUpdateSet({ status: "skipped", status_reason: reason, updated_at: new Date() }))
        .execute();
      return { kind: "outcome", outcome: { kind: "done", status: "skipped", reason } };
    };
    if (patient.status !== "active") {
      await trx.updateTable("reminders").set({ status: "cancelled", status_reason: "patient_inactive", cancelled_at: new Date(), updated_at: new Date() }).where("id", "=", r.id).execute();
      return { kind: "outcome", outcome: { kind: "done", status: "cancelled", reason: "patient_inactive" } };
    }
    if (!(await hasConsent(trx, r.patient_id, r.purpose))) return skip("no_consent");

    const settings = await settingsOf(trx);
    const sentToday = await remindersSentToday(trx, r.patient_id, r.id, now, tenant.timeZone);
    const decision = decideSend(now, { timeZone: tenant.timeZone, quiet: { start: settings.quiet_start, end: settings.quiet_end }, dailyCap: settings.daily_cap }, sentToday);
    if (decision.kind === "defer") {
      await trx.updateTable("reminders").set({ status: "deferred", status_reason: decision.reason, deferred_until: decision.until, updated_at: new Date() }).where("id", "=", r.id).execute();
      return { kind: "outcome", outcome: { kind: "deferred", until: decision.until.toISOString(), reason: decision.reason } };
    }

    if (!patient.key_sealed) return skip("patient_erased");
    const key = ringKey(patient.id, patient.key_sealed);
    const b = (column: string) => ({ tenantId: tenant.id, table: "patients", column, rowId: patient.id });
    const to = channel === "sms" ? openFieldOrNull(key, patient.phone_sealed, b("phone")) : openFieldOrNull(key, patient.email_sealed, b("email"));
    if (!to) return skip("no_contact");

    const deliveryId = existing?.id ?? uuidv7();
    const idempotencyKey = existing?.idempotency_key ?? uuidv7();
    const attempts = (existing?.attempts ?? 0) + 1;
    if (existing) {
      await trx.updateTable("reminder_deliveries").set({ status: "sending", attempts, updated_at: new Date() }).where("id", "=", existing.id).execute();
    } else {
      await trx
        .insertInto("reminder_deliveries")
        .values({ id: deliveryId, reminder_id: r.id, patient_id: r.patient_id, channel, scheduled_for: r.send_at, status: "sending", idempotency_key: idempotencyKey, attempts })
        .execute();
    }
    const rb = (column: string) => ({ tenantId: tenant.id, table: "reminders", column, rowId: r.id });
    return {
      kind: "send",
      deliveryId,
      idempotencyKey,
      attempts,
      to,
      key,
      patientId: patient.id,
      reminder: {
        kind: r.kind,
        purpose: r.purpose,
        locale: r.locale,
        subjectAt: r.subject_at,
        note: openFieldOrNull(key, r.note_sealed, rb("note")),
        link: openFieldOrNull(key, r.link_sealed, rb("link")),
      },
    };
  });
}

async function settle(tenant: SystemTenant, deliveryId: string, status: "sent" | "failed" | "retrying", fields: { receipt?: SendReceipt; error?: string }) {
  await tenant.db
    .updateTable("reminder_deliveries")
    .set({
      status,
      provider: fields.receipt?.provider,
      provider_message_id: fields.receipt?.providerMessageId ?? undefined,
      sent_at: status === "sent" ? new Date() : undefined,
      last_error: fields.error ?? null,
      status_reason: status === "failed" ? "provider_rejected" : null,
      updated_at: new Date(),
    })
    .where("id", "=", deliveryId)
    .execute();
}

/**
 * Sends one channel of one reminder, or says why not / until when it waits. Transient provider errors
 * are rethrown after the row is marked `retrying` (the function retries with back-off); permanent ones
 * mark the delivery failed and are not retried.
 */
export async function sendReminderOnChannel(database: DatabaseHandle, tenant: SystemTenant, reminderId: string, channel: MessageChannel, channels: NotifyChannels, now = new Date()): Promise<ChannelOutcome> {
  const ring = await getTenantKeyring(database.control, tenant.id);
  const claim = await claimDelivery(tenant, reminderId, channel, now, (patientId, sealed) => openPatientKey(ring, patientId, sealed));
  if (claim.kind === "outcome") return claim.outcome;

  const tenantRow = await database.control.selectFrom("tenants").select(["name", "name_en"]).where("id", "=", tenant.id).executeTakeFirstOrThrow();
  const hospital = claim.reminder.locale === "en" ? (tenantRow.name_en ?? tenantRow.name) : tenantRow.name;
  const optOutUrl = `${channels.publicBaseUrl}/opt-out/${signOptOut({ tenantId: tenant.id, patientId: claim.patientId, purpose: claim.reminder.purpose, channel })}`;
  const content = await renderReminder({
    locale: claim.reminder.locale,
    hospital,
    kind: claim.reminder.kind as Parameters<typeof renderReminder>[0]["kind"],
    purpose: claim.reminder.purpose,
    time: formatWhen(claim.reminder.subjectAt, claim.reminder.locale, tenant.timeZone),
    note: claim.reminder.note,
    link: claim.reminder.link,
    optOutUrl,
  });

  let receipt: SendReceipt;
  try {
    if (channel === "email" && channels.email) {
      receipt = await channels.email.send({ to: claim.to, subject: content.subject, html: content.html, text: content.text, idempotencyKey: claim.idempotencyKey, unsubscribeUrl: optOutUrl });
    } else if (channel === "sms" && channels.sms) {
      receipt = await channels.sms.send({
        to: claim.to,
        text: content.sms,
        template: { kind: claim.reminder.kind as never, params: { hospital, time: formatWhen(claim.reminder.subjectAt, claim.reminder.locale, tenant.timeZone) ?? "" } },
        idempotencyKey: claim.idempotencyKey,
      });
    } else {
      receipt = await captureInDevOutbox(tenant, claim, channel, content);
    }
  } catch (error) {
    const text = errorText(error);
    if (error instanceof PermanentSendError || (error instanceof TransientSendError && claim.attempts >= MAX_SEND_ATTEMPTS)) {
      await settle(tenant, claim.deliveryId, "failed", { error: text });
      return { kind: "done", status: "failed", reason: error instanceof PermanentSendError ? error.code : "too_many_attempts" };
    }
    if (error instanceof TransientSendError) {
      await settle(tenant, claim.deliveryId, "retrying", { error: text });
      throw new TransientSendError(error.code, `delivery ${claim.deliveryId} will be retried: ${text}`);
    }
    throw error;
  }
  await settle(tenant, claim.deliveryId, "sent", { receipt });
  return { kind: "done", status: "sent" };
}

/** No provider for this channel: keep what would have been sent (recipient masked, content sealed). */
async function captureInDevOutbox(tenant: SystemTenant, claim: Extract<Claim, { kind: "send" }>, channel: MessageChannel, content: { subject: string; text: string; sms: string }): Promise<SendReceipt> {
  const id = uuidv7();
  const b = (column: string) => ({ tenantId: tenant.id, table: "dev_outbox_messages", column, rowId: id });
  await tenant.db
    .insertInto("dev_outbox_messages")
    .values({
      id,
      delivery_id: claim.deliveryId,
      patient_id: claim.patientId,
      channel,
      recipient_masked: channel === "sms" ? maskPhone(claim.to) : maskEmail(claim.to),
      subject_sealed: channel === "email" ? sealField(claim.key, content.subject, b("subject")) : null,
      body_sealed: sealField(claim.key, channel === "email" ? content.text : content.sms, b("body")),
    })
    .execute();
  return { provider: "dev-outbox", providerMessageId: id };
}

/** Rolls the channel outcomes up into the reminder's status and audits the delivery. */
export async function finishReminder(tenant: SystemTenant, reminderId: string): Promise<{ status: ReminderStatus }> {
  return tenant.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom("reminders").select(["id", "patient_id", "status", "channels", "send_at"]).where("id", "=", reminderId).forUpdate().executeTakeFirst();
    if (!r) return { status: "cancelled" as const };
    if (!QUEUED.includes(r.status)) return { status: r.status };
    const rows = await trx.selectFrom("reminder_deliveries").select(["channel", "status", "status_reason"]).where("reminder_id", "=", r.id).where("scheduled_for", "=", r.send_at).execute();
    const ok = rows.filter((d) => d.status === "sent" || d.status === "delivered" || d.status === "unconfirmed").length;
    const failed = rows.filter((d) => d.status === "failed").length;
    let status: ReminderStatus;
    if (ok === r.channels.length) status = "sent";
    else if (ok > 0) status = "partly_sent";
    else if (failed > 0) status = "failed";
    else status = "skipped";
    const reason = status === "skipped" ? (rows[0]?.status_reason ?? null) : null;
    await trx.updateTable("reminders").set({ status, status_reason: reason, deferred_until: null, updated_at: new Date() }).where("id", "=", r.id).execute();
    await trx
      .insertInto("patient_events")
      .values({ id: uuidv7(), patient_id: r.patient_id, kind: `reminder.${status}`, actor_user_id: null, details: JSON.stringify({ reminderId: r.id, channels: rows.map((d) => ({ channel: d.channel, status: d.status })) }) })
      .execute();
    await recordAudit(trx, systemActor(tenant), {
      action: "reminder.deliver",
      resourceType: "reminder",
      resourceId: r.id,
      patientId: r.patient_id,
      purpose: "care_reminder",
      details: { status, deliveries: rows.map((d) => ({ channel: d.channel, status: d.status, reason: d.status_reason })) },
    });
    return { status };
  });
}
