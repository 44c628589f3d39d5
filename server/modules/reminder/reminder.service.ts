import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { ConsentPurpose, MessageChannel, ReminderKind } from "@/db/types/tenant";
import { recordAudit } from "@/server/audit/record";
import { openFieldOrNull, sealFieldOrNull } from "@/server/crypto/field-crypto";
import { kickRelay } from "@/server/jobs/relay-loop";
import { enqueueEvent } from "@/server/jobs/outbox";
import { currentConsents } from "@/server/modules/consent/consent-state";
import {
  addTimelineEvent,
  badInput,
  binding,
  inPatientTransaction,
  keyring,
  loadPatientInScope,
  patientKey,
  staffNames,
  type PatientContext,
} from "@/server/modules/patient/patient-context";

export interface NewReminder {
  patientId: string;
  kind: ReminderKind;
  purpose: ConsentPurpose;
  channels: MessageChannel[];
  locale: "zh-CN" | "en";
  sendAt: Date;
  subjectAt: Date | null;
  note: string | null;
  link: string | null;
}

/** Kinds about a dated event need its date; a questionnaire reminder needs its link. */
function checkReminder(r: NewReminder, now: Date) {
  if (r.sendAt.getTime() < now.getTime() - 5 * 60_000) throw badInput("reminderSendAtPast");
  if ((r.kind === "appointment" || r.kind === "recheck") && !r.subjectAt) throw badInput("reminderSubjectAtRequired");
  if (r.kind === "questionnaire" && !r.link) throw badInput("reminderLinkRequired");
  if (r.subjectAt && r.subjectAt < r.sendAt) throw badInput("reminderSubjectBeforeSend");
}

/** Creates a reminder for a patient and queues its delivery (outbox, same transaction). */
export async function createReminder(ctx: PatientContext, input: NewReminder) {
  checkReminder(input, new Date());
  const ring = await keyring(ctx);
  const created = await inPatientTransaction(ctx, async (trx) => {
    const patient = await loadPatientInScope(ctx, trx, input.patientId, "reminder.create");
    if (patient.status !== "active") throw badInput("patientInactive");
    const key = patientKey(ring, patient.id, patient.key_sealed);
    if (!key) throw badInput("patientErased");
    const id = uuidv7();
    await trx
      .insertInto("reminders")
      .values({
        id,
        patient_id: patient.id,
        kind: input.kind,
        purpose: input.purpose,
        channels: JSON.stringify([...new Set(input.channels)]),
        locale: input.locale,
        send_at: input.sendAt,
        subject_at: input.subjectAt,
        note_sealed: sealFieldOrNull(key, input.note, binding(ctx, "reminders", "note", id)),
        link_sealed: sealFieldOrNull(key, input.link, binding(ctx, "reminders", "link", id)),
        created_by: ctx.actor.userId,
      })
      .execute();
    await enqueueEvent(trx, "reminder/reminder.scheduled", { tenantId: ctx.tenant.id, reminderId: id, patientId: patient.id, purpose: input.purpose });
    await addTimelineEvent(trx, ctx, patient.id, "reminder.created", { reminderId: id, kind: input.kind, channels: input.channels });
    await recordAudit(trx, ctx.actor, {
      action: "reminder.create",
      resourceType: "reminder",
      resourceId: id,
      patientId: patient.id,
      details: { kind: input.kind, purpose: input.purpose, channels: input.channels, sendAt: input.sendAt.toISOString() },
    });
    const consent = await currentConsents(trx, patient.id);
    return { id, consentGranted: consent[input.purpose]?.granted === true };
  });
  kickRelay();
  return created;
}

/** Cancels a queued reminder; a reminder already sent, skipped or cancelled is bad input. */
export async function cancelReminder(ctx: PatientContext, reminderId: string) {
  return inPatientTransaction(ctx, async (trx) => {
    const reminder = await trx.selectFrom("reminders").select(["id", "patient_id", "status", "purpose"]).where("id", "=", reminderId).forUpdate().executeTakeFirst();
    if (!reminder) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    await loadPatientInScope(ctx, trx, reminder.patient_id, "reminder.cancel");
    if (reminder.status !== "scheduled" && reminder.status !== "deferred") throw badInput("reminderNotCancellable");
    await trx
      .updateTable("reminders")
      .set({ status: "cancelled", status_reason: "staff", cancelled_at: new Date(), cancelled_by: ctx.actor.userId, updated_at: new Date() })
      .where("id", "=", reminder.id)
      .execute();
    await enqueueEvent(trx, "reminder/reminder.cancelled", { tenantId: ctx.tenant.id, reminderId: reminder.id, patientId: reminder.patient_id, purpose: reminder.purpose });
    await addTimelineEvent(trx, ctx, reminder.patient_id, "reminder.cancelled", { reminderId: reminder.id });
    await recordAudit(trx, ctx.actor, { action: "reminder.cancel", resourceType: "reminder", resourceId: reminder.id, patientId: reminder.patient_id });
    return { id: reminder.id, status: "cancelled" as const };
  });
}

/** A patient's reminders, newest first, with each channel's delivery status (an audited read). */
export async function listReminders(ctx: PatientContext, patientId: string) {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const patient = await loadPatientInScope(ctx, trx, patientId, "reminder.list");
    const key = patientKey(ring, patient.id, patient.key_sealed);
    const reminders = await trx.selectFrom("reminders").selectAll().where("patient_id", "=", patientId).orderBy("id", "desc").limit(100).execute();
    const deliveries = reminders.length
      ? await trx
          .selectFrom("reminder_deliveries")
          .select(["reminder_id", "channel", "status", "status_reason", "provider", "sent_at", "delivered_at", "attempts", "updated_at"])
          .where("reminder_id", "in", reminders.map((r) => r.id))
          .execute()
      : [];
    const names = await staffNames(ctx, trx, reminders.map((r) => r.created_by));
    await recordAudit(trx, ctx.actor, { action: "reminder.list", resourceType: "patient", resourceId: patientId, patientId });
    return reminders.map((r) => ({
      id: r.id,
      kind: r.kind,
      purpose: r.purpose,
      channels: r.channels,
      locale: r.locale,
      sendAt: r.send_at,
      subjectAt: r.subject_at,
      note: key ? openFieldOrNull(key, r.note_sealed, binding(ctx, "reminders", "note", r.id)) : null,
      link: key ? openFieldOrNull(key, r.link_sealed, binding(ctx, "reminders", "link", r.id)) : null,
      status: r.status,
      statusReason: r.status_reason,
      deferredUntil: r.deferred_until,
      createdBy: r.created_by ? (names.get(r.created_by) ?? null) : null,
      createdAt: r.created_at,
      cancelledAt: r.cancelled_at,
      deliveries: deliveries
        .filter((d) => d.reminder_id === r.id)
        .map((d) => ({ channel: d.channel, status: d.status, statusReason: d.status_reason, provider: d.provider, sentAt: d.sent_at, deliveredAt: d.delivered_at, attempts: d.attempts })),
    }));
  });
}

