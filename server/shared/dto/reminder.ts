import { z } from "zod";

export const ZReminderKind = z.enum(["appointment", "recheck", "measurement", "medication", "questionnaire"]);
export const ZConsentPurpose = z.enum(["care", "marketing"]);
export const ZChannel = z.enum(["sms", "email"]);
export const ZConsentSource = z.enum(["paper_form", "verbal", "portal", "staff"]);

const note = z.string().trim().max(300, { error: "errors.reminderNoteTooLong" });

export const ZReminderCreateInput = z.object({
  patientId: z.uuid(),
  kind: ZReminderKind,
  purpose: ZConsentPurpose.default("care"),
  channels: z.array(ZChannel).min(1, { error: "errors.reminderChannelRequired" }).max(2),
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
  sendAt: z.coerce.date(),
  subjectAt: z.coerce.date().nullish(),
  note: note.nullish(),
  link: z.url({ protocol: /^https?$/, error: "errors.reminderLinkInvalid" }).max(500).nullish(),
});
export type TReminderCreateInput = z.infer<typeof ZReminderCreateInput>;

export const ZReminderDelivery = z.object({
  channel: ZChannel,
  status: z.enum(["sending", "retrying", "sent", "delivered", "failed", "unconfirmed", "skipped"]),
  statusReason: z.string().nullable(),
  provider: z.string().nullable(),
  sentAt: z.date().nullable(),
  deliveredAt: z.date().nullable(),
  attempts: z.number().int(),
});

export const ZReminder = z.object({
  id: z.uuid(),
  kind: ZReminderKind,
  purpose: ZConsentPurpose,
  channels: z.array(ZChannel),
  locale: z.enum(["zh-CN", "en"]),
  sendAt: z.date(),
  subjectAt: z.date().nullable(),
  note: z.string().nullable(),
  link: z.string().nullable(),
  status: z.enum(["scheduled", "deferred", "sent", "partly_sent", "failed", "skipped", "cancelled"]),
  statusReason: z.string().nullable(),
  deferredUntil: z.date().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
  cancelledAt: z.date().nullable(),
  deliveries: z.array(ZReminderDelivery),
});

export const ZConsentRecordInput = z.object({
  patientId: z.uuid(),
  purpose: ZConsentPurpose,
  action: z.enum(["grant", "withdraw"]),
  source: ZConsentSource,
  channel: ZChannel.nullish(),
});

const ZCurrent = z.object({ granted: z.boolean(), source: z.string(), recordedAt: z.date() }).nullable();

export const ZConsentOverview = z.object({
  current: z.object({ care: ZCurrent, marketing: ZCurrent }),
  history: z.array(
    z.object({
      id: z.uuid(),
      purpose: ZConsentPurpose,
      action: z.enum(["grant", "withdraw"]),
      source: z.string(),
      channel: ZChannel.nullable(),
      recordedBy: z.string().nullable(),
      recordedAt: z.date(),
    }),
  ),
});

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "errors.timeInvalid" });
export const ZMessagingSettings = z.object({ quietStart: hhmm, quietEnd: hhmm, dailyCap: z.number().int().min(1).max(50) });
