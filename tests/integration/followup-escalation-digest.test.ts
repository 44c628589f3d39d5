import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forTenant, type TenantDb } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { callerFor, outcome } from "../support/caller";
import { createMember } from "../support/factories";
import { inngestHarness } from "../support/inngest-harness";
import { createSmtpSink } from "../support/smtp-sink";
import { createTestTenant } from "../support/test-database";

const harness = await inngestHarness("followup-escalation-test-key");
const { escalateFollowupTasks } = await import("@/server/jobs/functions/escalate-followup-tasks");
const { sendTaskDigestsFn } = await import("@/server/jobs/functions/send-task-digests");
const { followupSchedulerTick } = await import("@/server/jobs/functions/followup-scheduler-tick");
const { useChannels } = await import("@/server/notify/config");
const { smtpSender } = await import("@/server/notify/email/smtp-sender");
const { sendTaskDigests } = await import("@/server/modules/followup/digest.service");
const { systemTenantById } = await import("@/server/jobs/system-tenant");

const HOUR = 3_600_000;
let sink: Awaited<ReturnType<typeof createSmtpSink>>;
let tenant: { id: string; slug: string };
let db: TenantDb;
let admin: SessionUser;
let hm: SessionUser;
let lead: SessionUser;
let patientId: string;

async function templateId(code: string) {
  return (await db.selectFrom("followup_templates").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}

beforeAll(async () => {
  await harness.start();
  sink = await createSmtpSink();
  useChannels({ email: smtpSender({ url: sink.url, from: "CarePath <no-reply@carepath.test>" }), sms: null, publicBaseUrl: "https://carepath.test" });
  tenant = await createTestTenant(harness.db, "逾期医院");
  db = forTenant(harness.db.unsafeRoot, tenant.slug);
  admin = await createMember(harness.db, tenant.id, "tenant_admin");
  hm = await createMember(harness.db, tenant.id, "health_manager");
  lead = await createMember(harness.db, tenant.id, "doctor");
  await harness.db.control.updateTable("users").set({ locale: "en" }).where("id", "=", lead.id).execute();
  const ca = callerFor(harness.db, admin, tenant.slug);
  const departmentId = (await ca.department.create({ name: "慢病管理科" })).id;
  await db.updateTable("departments").set({ lead_user_id: lead.id }).where("id", "=", departmentId).execute();
  const opened = await ca.patient.openCard({
    patient: { name: "诸葛逾期", birthDate: "1950-05-05" },
    card: { level: "金卡", validFrom: "2026-01-01", validTo: "2027-12-31" },
    managerUserId: hm.id,
    departmentId,
  });
  if (opened.outcome !== "created") throw new Error("expected created");
  patientId = opened.patientId;
});
afterAll(async () => {
  useChannels(undefined);
  await sink?.close();
  await harness.stop();
});

describe("follow-up settings", () => {
  it("admins set the escalation delay and digest hour; managers may not; bad values change nothing", async () => {
    const ca = callerFor(harness.db, admin, tenant.slug);
    expect(await ca.followup.settings()).toEqual({ escalateAfterHours: 48, digestEnabled: true, digestHour: 16 });
    expect(await outcome(callerFor(harness.db, hm, tenant.slug).followup.saveSettings({ escalateAfterHours: 1, digestEnabled: true, digestHour: 0 }))).toBe("FORBIDDEN");
    await expect(ca.followup.saveSettings({ escalateAfterHours: 0, digestEnabled: true, digestHour: 25 })).rejects.toThrow();
    expect((await ca.followup.settings()).escalateAfterHours).toBe(48);
    await ca.followup.saveSettings({ escalateAfterHours: 24, digestEnabled: true, digestHour: 0 });
    expect(await ca.followup.settings()).toEqual({ escalateAfterHours: 24, digestEnabled: true, digestHour: 0 });
  });
});

describe("escalate-followup-tasks (cron function)", () => {
  it("escalates tasks overdue longer than the delay to the department lead, once; the lead then sees them", async () => {
    const c = callerFor(harness.db, hm, tenant.slug);
    const { planId } = await c.followup.startPlan({ patientId, templateId: await templateId("hypertension") });
    const old = await db.selectFrom("worklist_tasks").select("id").where("plan_id", "=", planId).executeTakeFirstOrThrow();
    await db.updateTable("worklist_tasks").set({ due_at: new Date(Date.now() - 30 * HOUR) }).where("id", "=", old.id).execute();
    const recent = (await db.selectFrom("worklist_tasks").select("id").where("patient_id", "=", patientId).where("kind", "=", "first_contact").executeTakeFirstOrThrow()).id;
    await db.updateTable("worklist_tasks").set({ due_at: new Date(Date.now() - 5 * HOUR) }).where("id", "=", recent).execute();

    const first = await harness.run(escalateFollowupTasks);
    expect(first.result).toEqual({ tenants: 1, escalated: 1 });
    const again = await harness.run(escalateFollowupTasks);
    expect(again.result).toEqual({ tenants: 1, escalated: 0 });

    const rows = await db.selectFrom("worklist_tasks").select(["id", "escalated_at", "escalated_to_user_id"]).where("id", "in", [old.id, recent]).execute();
    expect(rows.find((r) => r.id === old.id)).toMatchObject({ escalated_to_user_id: lead.id });
    expect(rows.find((r) => r.id === recent)).toMatchObject({ escalated_at: null, escalated_to_user_id: null });
    const audit = await db.selectFrom("audit_events").select(["action", "resource_id", "patient_id"]).where("action", "=", "followup.escalate").execute();
    expect(audit).toEqual([{ action: "followup.escalate", resource_id: old.id, patient_id: patientId }]);

    const board = await callerFor(harness.db, lead, tenant.slug).worklist.board({ bucket: "overdue", mine: false });
    expect(board.tasks.find((t) => t.id === old.id)?.escalated).toBe(true);
  });
});

describe("send-task-digests (cron function)", () => {
  it("mails each person with unfinished tasks one digest per local day, in their language, with counts and no patient names", async () => {
    const first = await harness.run(sendTaskDigestsFn);
    expect(first.result).toEqual({ tenants: 1, sent: 2 });
    expect(sink.mails).toHaveLength(2);
    const toManager = sink.mails.find((m) => m.to.includes(hm.email))!;
    const toLead = sink.mails.find((m) => m.to.includes(lead.email))!;
    expect(toManager.subject).toMatch(/^【逾期医院】今日未完成随访任务 \d+ 项$/);
    expect(toManager.text).toContain("已逾期");
    expect(toManager.text).toContain("常规随访（3 个月）");
    expect(toManager.html).toContain(`https://carepath.test/h/${tenant.slug}/followups`);
    expect(toLead.subject).toMatch(/follow-up task/);
    expect(toLead.text).toContain("Overdue tasks escalated to you: 1");
    for (const mail of sink.mails) expect(mail.raw).not.toContain("诸葛");

    const again = await harness.run(sendTaskDigestsFn);
    expect(again.result).toEqual({ tenants: 1, sent: 0 });
    expect(sink.mails).toHaveLength(2);
    const rows = await db.selectFrom("followup_digests").select(["user_id", "status"]).orderBy("user_id").execute();
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("sends nothing before the configured hour or when switched off", async () => {
    await callerFor(harness.db, admin, tenant.slug).followup.saveSettings({ escalateAfterHours: 24, digestEnabled: false, digestHour: 0 });
    await db.deleteFrom("followup_digests").execute();
    const off = await harness.run(sendTaskDigestsFn);
    expect(off.result).toEqual({ tenants: 1, sent: 0 });
    expect(await db.selectFrom("followup_digests").select("user_id").execute()).toEqual([]);

    await callerFor(harness.db, admin, tenant.slug).followup.saveSettings({ escalateAfterHours: 24, digestEnabled: true, digestHour: 16 });
    const system = (await systemTenantById(harness.db, tenant.id))!;
    const morning = new Date("2026-11-30T02:00:00Z"); // 10:00 in Asia/Shanghai
    expect(await sendTaskDigests(harness.db, system, { email: null, publicBaseUrl: "https://carepath.test" }, morning)).toMatchObject({ skipped: "before_hour", sent: 0 });
    const afternoon = new Date("2026-11-30T08:30:00Z"); // 16:30: no SMTP configured → recorded as such, nothing sent
    expect(await sendTaskDigests(harness.db, system, { email: null, publicBaseUrl: "https://carepath.test" }, afternoon)).toMatchObject({ sent: 0, noChannel: 2 });
    expect(sink.mails).toHaveLength(2);
  });
});

describe("followup-scheduler-tick (cron function)", () => {
  it("turns plan occurrences that come within the horizon into tasks, once", async () => {
    const c = callerFor(harness.db, hm, tenant.slug);
    const { planId } = await c.followup.startPlan({ patientId, templateId: await templateId("post_checkup") });
    // Day 7 was created at start; day 15 is beyond the 7-day horizon until time moves on.
    await db.updateTable("followup_plans").set({ next_due_at: new Date(Date.now() + 2 * 86_400_000) }).where("id", "=", planId).execute();
    const tick = await harness.run(followupSchedulerTick);
    expect(tick.result).toEqual({ tenants: 1, tasksCreated: 1 });
    expect((await harness.run(followupSchedulerTick)).result).toEqual({ tenants: 1, tasksCreated: 0 });
    const tasks = await db.selectFrom("worklist_tasks").select("step_index").where("plan_id", "=", planId).orderBy("step_index").execute();
    expect(tasks.map((t) => t.step_index)).toEqual([0, 1]);
  });
});
