import { render } from "@react-email/components";
import { createElement } from "react";
import { createTranslator } from "next-intl";
import type { ReminderKind } from "@/db/types/tenant";
import enEmails from "@/messages/en/emails.json";
import zhEmails from "@/messages/zh-CN/emails.json";
import { ReminderEmail } from "./templates/reminder-email";

export type EmailLocale = "zh-CN" | "en";

export interface ReminderContent {
  locale: EmailLocale;
  hospital: string;
  kind: ReminderKind;
  purpose: "care" | "marketing";
  /** Local date and time of the appointment / re-check, already formatted in the tenant's time zone. */
  time: string | null;
  note: string | null;
  link: string | null;
  optOutUrl: string;
}

export interface RenderedReminder {
  subject: string;
  html: string;
  text: string;
  /** Short text for SMS (free-text providers). */
  sms: string;
}

function translator(locale: EmailLocale) {
  return createTranslator({ locale, messages: { emails: locale === "en" ? enEmails : zhEmails }, namespace: "emails" });
}

/** Subject, HTML, plain text and SMS text of one reminder, in the reminder's language. */
export async function renderReminder(c: ReminderContent): Promise<RenderedReminder> {
  const t = translator(c.locale);
  const values = { hospital: c.hospital, time: c.time ?? "—" };
  const subject = t(`kinds.${c.kind}.subject`, values);
  const body = t(`kinds.${c.kind}.body`, values);
  const props = {
    lang: c.locale,
    hospital: c.hospital,
    subject,
    greeting: t("greeting"),
    body,
    noteLabel: t("noteLabel"),
    note: c.note,
    link: c.link ? { label: t("openLink"), url: c.link } : null,
    closing: t("closing", { hospital: c.hospital }),
    whyReceived: t("whyReceived", { hospital: c.hospital, purpose: t(c.purpose === "care" ? "purposeCare" : "purposeMarketing") }),
    optOut: { question: t("optOut"), label: t("optOutLink"), url: c.optOutUrl },
  };
  const element = createElement(ReminderEmail, props);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  const sms = [subject, body, c.note, c.link, t("smsOptOut", { url: c.optOutUrl })].filter(Boolean).join(" ");
  return { subject, html, text, sms };
}
