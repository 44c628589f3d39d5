import { render } from "@react-email/components";
import { createElement } from "react";
import { createTranslator } from "next-intl";
import enEmails from "@/messages/en/emails.json";
import enFollowups from "@/messages/en/followups.json";
import zhEmails from "@/messages/zh-CN/emails.json";
import zhFollowups from "@/messages/zh-CN/followups.json";
import type { EmailLocale } from "./render";
import { TaskDigestEmail } from "./templates/task-digest-email";

export interface TaskDigestContent {
  locale: EmailLocale;
  hospital: string;
  staffName: string;
  /** Local time of the digest, already formatted (HH:mm). */
  time: string;
  overdue: number;
  today: number;
  escalatedToMe: number;
  byKind: { kind: string; count: number }[];
  worklistUrl: string;
}

/** Subject, HTML and plain text of the afternoon digest, in the staff member's language. */
export async function renderTaskDigest(c: TaskDigestContent): Promise<{ subject: string; html: string; text: string }> {
  const en = c.locale === "en";
  const t = createTranslator({ locale: c.locale, messages: { emails: en ? enEmails : zhEmails }, namespace: "emails.digest" });
  const kinds = createTranslator({ locale: c.locale, messages: { followups: en ? enFollowups : zhFollowups }, namespace: "followups.kinds" });
  const count = c.overdue + c.today;
  const subject = t("subject", { hospital: c.hospital, count });
  const element = createElement(TaskDigestEmail, {
    lang: c.locale,
    hospital: c.hospital,
    subject,
    greeting: t("greeting", { name: c.staffName }),
    intro: t("intro", { time: c.time, count }),
    lines: [
      { label: t("overdue"), count: c.overdue, emphasis: c.overdue > 0 },
      { label: t("today"), count: c.today },
      ...(c.escalatedToMe > 0 ? [{ label: t("escalated"), count: c.escalatedToMe, emphasis: true }] : []),
    ],
    byKindTitle: t("byKind"),
    byKind: c.byKind.map((k) => ({ label: kinds.has(k.kind as "rule") ? kinds(k.kind as "rule") : k.kind, count: k.count })),
    action: { label: t("open"), url: c.worklistUrl },
    footer: t("footer"),
  });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}
