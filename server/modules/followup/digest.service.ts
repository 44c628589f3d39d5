import { sql } from "kysely";
import type { DatabaseHandle } from "@/db/client";
import { renderTaskDigest } from "@/emails/render-digest";
import type { SystemTenant } from "@/server/jobs/system-tenant";
import type { EmailSender } from "@/server/notify/types";
import { localDate, localDayBounds } from "./rules/local-day";
import { loadFollowupSettings } from "./settings.service";

export interface DigestChannels {
  email: EmailSender | null;
  publicBaseUrl: string;
}

interface PendingDigest {
  userId: string;
  overdue: number;
  today: number;
  escalatedToMe: number;
  byKind: { kind: string; count: number }[];
}

export interface DigestRunResult {
  skipped?: "disabled" | "before_hour";
  sent: number;
  failed: number;
  noChannel: number;
  noAddress: number;
}

function localHour(now: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", timeZone }).format(now));
}

function localClock(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(now);
}

/** Per staff member: their unfinished tasks (overdue, due today, by kind) and overdue tasks escalated to them. */
async function pendingDigests(tenant: SystemTenant, now: Date, today: string): Promise<PendingDigest[]> {
  const { start, end } = localDayBounds(now, tenant.timeZone);
  const own = await tenant.db
    .selectFrom("worklist_tasks")
    .select((eb) => ["assignee_user_id as user_id", "kind", eb.fn.countAll<string>().filterWhere("due_at", "<", start).as("overdue"), eb.fn.countAll<string>().filterWhere("due_at", ">=", start).as("today")])
    .where("status", "=", "open")
    .where("assignee_user_id", "is not", null)
    .where("due_at", "<", end)
    .groupBy(["assignee_user_id", "kind"])
    .execute();
  const escalated = await tenant.db
    .selectFrom("worklist_tasks")
    .select((eb) => ["escalated_to_user_id as user_id", eb.fn.countAll<string>().as("n")])
    .where("status", "=", "open")
    .where("escalated_to_user_id", "is not", null)
    .groupBy("escalated_to_user_id")
    .execute();
  const done = new Set((await tenant.db.selectFrom("followup_digests").select("user_id").where("local_date", "=", sql<Date>`${today}::date`).execute()).map((r) => r.user_id));
  const byUser = new Map<string, PendingDigest>();
  const entry = (userId: string) => {
    let e = byUser.get(userId);
    if (!e) byUser.set(userId, (e = { userId, overdue: 0, today: 0, escalatedToMe: 0, byKind: [] }));
    return e;
  };
  for (const r of own) {
    const e = entry(r.user_id!);
    e.overdue += Number(r.overdue);
    e.today += Number(r.today);
    e.byKind.push({ kind: r.kind, count: Number(r.overdue) + Number(r.today) });
  }
  for (const r of escalated) entry(r.user_id!).escalatedToMe += Number(r.n);
  return [...byUser.values()].filter((d) => !done.has(d.userId)).map((d) => ({ ...d, byKind: d.byKind.sort((a, b) => b.count - a.count) }));
}

/**
 * The afternoon digest of one tenant: from the configured local hour on, every active staff member
 * with unfinished tasks (or overdue tasks escalated to them) gets one e-mail per local day. Counts
 * only — no patient names. The `followup_digests` row is written before the mail is handed over
 * (status `sending`), so a retried run never mails twice; a crash in between leaves `sending`.
 */
export async function sendTaskDigests(database: DatabaseHandle, tenant: SystemTenant, channels: DigestChannels, now = new Date()): Promise<DigestRunResult> {
  const result: DigestRunResult = { sent: 0, failed: 0, noChannel: 0, noAddress: 0 };
  const settings = await loadFollowupSettings(tenant.db);
  if (!settings.digestEnabled) return { ...result, skipped: "disabled" };
  if (localHour(now, tenant.timeZone) < settings.digestHour) return { ...result, skipped: "before_hour" };
  const today = localDate(now, tenant.timeZone);
  const pending = await pendingDigests(tenant, now, today);
  if (pending.length === 0) return result;

  const hospital = await database.control.selectFrom("tenants").select(["name", "name_en"]).where("id", "=", tenant.id).executeTakeFirstOrThrow();
  const staff = await database.control
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.email", "u.display_name", "u.locale"])
    .where("m.tenant_id", "=", tenant.id)
    .where("m.status", "=", "active")
    .where("u.status", "=", "active")
    .where(
      "u.id",
      "in",
      pending.map((p) => p.userId),
    )
    .execute();
  const staffById = new Map(staff.map((s) => [s.id, s]));

  for (const d of pending) {
    const person = staffById.get(d.userId);
    const status = !person ? "no_address" : channels.email ? "sending" : "no_channel";
    const claimed = await tenant.db
      .insertInto("followup_digests")
      .values({ user_id: d.userId, local_date: today, status, open_tasks: d.overdue + d.today })
      .onConflict((oc) => oc.columns(["user_id", "local_date"]).doNothing())
      .returning("user_id")
      .executeTakeFirst();
    if (!claimed) continue;
    if (status === "no_address") result.noAddress += 1;
    if (status === "no_channel") result.noChannel += 1;
    if (status !== "sending" || !person || !channels.email) continue;
    const locale = person.locale === "en" ? "en" : "zh-CN";
    const mail = await renderTaskDigest({
      locale,
      hospital: locale === "en" ? (hospital.name_en ?? hospital.name) : hospital.name,
      staffName: person.display_name,
      time: localClock(now, tenant.timeZone),
      overdue: d.overdue,
      today: d.today,
      escalatedToMe: d.escalatedToMe,
      byKind: d.byKind,
      worklistUrl: `${channels.publicBaseUrl}/h/${tenant.slug}/followups`,
    });
    try {
      await channels.email.send({ to: person.email, subject: mail.subject, html: mail.html, text: mail.text, idempotencyKey: `digest-${d.userId}-${today}` });
      await tenant.db.updateTable("followup_digests").set({ status: "sent" }).where("user_id", "=", d.userId).where("local_date", "=", sql<Date>`${today}::date`).execute();
      result.sent += 1;
    } catch (error) {
      // Redacted by construction: the sender's error names the SMTP reply, not the address.
      const message = (error instanceof Error ? error.message : String(error)).replace(/[\w.+-]+@[\w.-]+/g, "[email]").slice(0, 500);
      await tenant.db.updateTable("followup_digests").set({ status: "failed", error: message }).where("user_id", "=", d.userId).where("local_date", "=", sql<Date>`${today}::date`).execute();
      result.failed += 1;
    }
  }
  return result;
}
