import { z } from "zod";
import type { ReminderKind } from "@/db/types/tenant";
import { smtpSender } from "./email/smtp-sender";
import { aliyunSms } from "./sms/aliyun";
import { twilioSms } from "./sms/twilio";
import type { EmailSender, SmsProvider } from "./types";

const ZTemplates = z.record(z.enum(["appointment", "recheck", "measurement", "medication", "questionnaire"]), z.string().regex(/^SMS_\w+$/));

const ZNotifyEnv = z.object({
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).optional(),
  SMS_PROVIDER: z.enum(["aliyun", "twilio"]).optional(),
  ALIYUN_SMS_ACCESS_KEY_ID: z.string().min(1).optional(),
  ALIYUN_SMS_ACCESS_KEY_SECRET: z.string().min(1).optional(),
  ALIYUN_SMS_SIGN_NAME: z.string().min(1).optional(),
  ALIYUN_SMS_TEMPLATES: z.string().optional(),
  ALIYUN_SMS_ENDPOINT: z.string().url().optional(),
  TWILIO_ACCOUNT_SID: z.string().min(1).optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_FROM: z.string().min(1).optional(),
  TWILIO_BASE_URL: z.string().url().optional(),
  PUBLIC_BASE_URL: z.string().url().optional(),
});

export interface NotifyChannels {
  email: EmailSender | null;
  sms: SmsProvider | null;
  /** Base URL for links in messages (opt-out) and provider callbacks. */
  publicBaseUrl: string;
}

/**
 * Providers from the environment (README lists the variables). A channel without a provider is null:
 * its messages go to the development outbox instead. A half-configured provider is an error at start.
 */
export function channelsFromEnv(env: NodeJS.ProcessEnv = process.env): NotifyChannels {
  const e = ZNotifyEnv.parse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  const email = e.SMTP_URL ? smtpSender({ url: e.SMTP_URL, from: e.MAIL_FROM ?? "CarePath <no-reply@localhost>" }) : null;
  let sms: SmsProvider | null = null;
  if (e.SMS_PROVIDER === "aliyun") {
    if (!e.ALIYUN_SMS_ACCESS_KEY_ID || !e.ALIYUN_SMS_ACCESS_KEY_SECRET || !e.ALIYUN_SMS_SIGN_NAME) {
      throw new Error("SMS_PROVIDER=aliyun needs ALIYUN_SMS_ACCESS_KEY_ID, ALIYUN_SMS_ACCESS_KEY_SECRET and ALIYUN_SMS_SIGN_NAME");
    }
    const templates = ZTemplates.parse(JSON.parse(e.ALIYUN_SMS_TEMPLATES ?? "{}")) as Partial<Record<ReminderKind, string>>;
    sms = aliyunSms({
      accessKeyId: e.ALIYUN_SMS_ACCESS_KEY_ID,
      accessKeySecret: e.ALIYUN_SMS_ACCESS_KEY_SECRET,
      signName: e.ALIYUN_SMS_SIGN_NAME,
      templates,
      endpoint: e.ALIYUN_SMS_ENDPOINT,
    });
  } else if (e.SMS_PROVIDER === "twilio") {
    if (!e.TWILIO_ACCOUNT_SID || !e.TWILIO_AUTH_TOKEN || !e.TWILIO_FROM) throw new Error("SMS_PROVIDER=twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM");
    sms = twilioSms({ accountSid: e.TWILIO_ACCOUNT_SID, authToken: e.TWILIO_AUTH_TOKEN, from: e.TWILIO_FROM, baseUrl: e.TWILIO_BASE_URL });
  }
  return { email, sms, publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/$/, "") };
}

const holder = globalThis as typeof globalThis & { __carepathChannels?: NotifyChannels };

/** The process-wide channels (read once); tests inject their own with `useChannels`. */
export function getChannels(): NotifyChannels {
  holder.__carepathChannels ??= channelsFromEnv();
  return holder.__carepathChannels;
}

export function useChannels(channels: NotifyChannels | undefined): void {
  holder.__carepathChannels = channels;
}
