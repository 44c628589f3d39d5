import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant, type TenantDb } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { runSchedulerTick } from "@/server/modules/followup/plan-scheduler";
import { startPlanFromTemplate } from "@/server/modules/followup/plan-start";
import { addDays } from "@/server/modules/followup/rules/plan-schedule";
import { callerFor, outcome } from "../support/caller";
import { createMember } from "../support/factories";
import { createTestTenant, openTestDatabase, systemActor } from "../support/test-database";

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let tdb: TenantDb;
let admin: SessionUser;
let hm: SessionUser;
let otherHm: SessionUser;
let patientId: string;
let otherPatientId: string;
const card = { level: "银卡", validFrom: "2026-01-01", validTo: "2027-01-01" };

async function templateId(code: string): Promise<string> {
  return (await tdb.selectFrom("followup_templates").select("id").where("code", "=", code).executeTakeFirstOrThrow()).id;
}
async function openTasks(planId: string) {
  return tdb.selectFrom("worklist_tasks").selectAll().where("plan_id", "=", planId).where("status", "=", "open").orderBy("due_at").execute();
}

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db, "随访医院");
  tdb = forTenant(db.unsafeRoot, tenant.slug);
  admin = await createMember(db, tenant.id, "tenant_admin");
  hm = await createMember(db, tenant.id, "health_manager");
  otherHm = await createMember(db, tenant.id, "health_manager");
  const ca = callerFor(db, admin, tenant.slug);
  const p = await ca.patient.openCard({ patient: { name: "高血压", birthDate: "1960-01-01" }, card, managerUserId: hm.id });
  const q = await ca.patient.openCard({ patient: { name: "别人的", birthDate: "1961-01-01" }, card, managerUserId: otherHm.id });
  if (p.outcome !== "created" || q.outcome !== "created") throw new Error("expected created");
  patientId = p.patientId;
  otherPatientId = q.patientId;
});
afterAll(async () => {
  await db.close();
});

describe("templates", () => {
  it("every tenant starts with the seeded templates", async () => {
    const list = await callerFor(db, hm, tenant.slug).followup.templates({});
    expect(list.map((t) => t.code).sort()).toEqual(["hypertension", "post_checkup", "type2_diabetes"]);
    expect(list.find((t) => t.code === "post_checkup")!.steps.map((s) => s.offsetDays)).toEqual([7, 15, 30]);
  });

  it("an edit is a new version; a running plan keeps the steps it started with", async () => {
    const ca = callerFor(db, admin, tenant.slug);
    const id = (await ca.followup.saveTemplate({ name: "术后随访", guideline: null, steps: [{ offsetDays: 3, repeatEveryDays: null, channel: "phone", title: "术后3天", content: "", questions: [] }] })).id;
    const hmCaller = callerFor(db, hm, tenant.slug);
    const plan = await hmCaller.followup.startPlan({ patientId, templateId: id });
    const saved = await ca.followup.saveTemplate({ id, name: "术后随访", guideline: null, steps: [{ offsetDays: 5, repeatEveryDays: null, channel: "visit", title: "术后5天", content: "", questions: [] }] });
    expect(saved.version).toBe(2);
    const task = (await openTasks(plan.planId))[0]!;
    expect(task.channel).toBe("phone");
    expect((await hmCaller.followup.plans({ patientId })).find((p) => p.id === plan.planId)!.version).toBe(1);
    await hmCaller.followup.stopPlan({ planId: plan.planId });
    expect(await openTasks(plan.planId)).toEqual([]);
  });

  it("refuses bad steps and managers may not edit templates", async () => {
    const ca = callerFor(db, admin, tenant.slug);
    const bad = ca.followup.saveTemplate({ name: "x", guideline: null, steps: [{ offsetDays: 30, repeatEveryDays: null, channel: "phone", title: "a", content: "", questions: [] }, { offsetDays: 7, repeatEveryDays: null, channel: "phone", title: "b", content: "", questions: [] }] });
    await expect(bad).rejects.toThrow(/order|顺序/i);
    expect(await outcome(callerFor(db, hm, tenant.slug).followup.saveTemplate({ name: "x", guideline: null, steps: [{ offsetDays: 1, repeatEveryDays: null, channel: "phone", title: "a", content: "", questions: [] }] }))).toBe("FORBIDDEN");
  });
});

describe("scheduler tick", () => {
  it("creates each due task once however often it runs, and walks the template calendar", async () => {
    const anchor = new Date("2026-06-01T01:00:00Z");
    const { planId } = await tdb.transaction().execute((trx) => startPlanFromTemplate(trx, systemActor, { patientId: otherPatientId, template: { code: "post_checkup" }, anchorAt: anchor, source: "checkup", sourceRef: "report-1" }, anchor));
    // Day 7 is within the 7-day horizon: created at start.
    expect((await openTasks(planId)).map((t) => t.due_at!.toISOString())).toEqual([addDays(anchor, 7).toISOString()]);
    const day10 = addDays(anchor, 10);
    const [r1, r2] = await Promise.all([runSchedulerTick(tdb, day10), runSchedulerTick(tdb, day10)]);
    expect(r1.tasksCreated + r2.tasksCreated).toBe(1);
    expect(await runSchedulerTick(tdb, day10)).toEqual({ tasksCreated: 0, plansAdvanced: 0 });
    await runSchedulerTick(tdb, addDays(anchor, 40));
    const tasks = await openTasks(planId);
    expect(tasks.map((t) => t.due_at!.toISOString())).toEqual([7, 15, 30].map((d) => addDays(anchor, d).toISOString()));
    expect(new Set(tasks.map((t) => t.unique_key)).size).toBe(3);
    expect(tasks.every((t) => t.assignee_user_id === otherHm.id && t.kind === "followup_step")).toBe(true);
    const plan = await tdb.selectFrom("followup_plans").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
    expect(plan.next_due_at).toBeNull();
    expect(plan.source).toBe("checkup");
  });

  it("starting the same template twice for a patient returns the running plan", async () => {
    const first = await tdb.transaction().execute((trx) => startPlanFromTemplate(trx, systemActor, { patientId: otherPatientId, template: { code: "post_checkup" }, source: "rule" }));
    expect(first.created).toBe(false);
    const hmCaller = callerFor(db, otherHm, tenant.slug);
    await expect(hmCaller.followup.startPlan({ patientId: otherPatientId, templateId: await templateId("post_checkup") })).rejects.toThrow();
  });
});

describe("guideline plan through the worklist", () => {
  it("controlled → 3 months; uncontrolled → 2 weeks; twice → referral; emergency → task due now", async () => {
    const c = callerFor(db, hm, tenant.slug);
    const { planId } = await c.followup.startPlan({ patientId, templateId: await templateId("hypertension") });
    const board = await c.worklist.board({ bucket: "today", mine: true });
    const first = board.tasks.find((t) => t.planId === planId)!;
    expect(first.kind).toBe("followup_routine");
    expect(first.stepTitle).toBe("高血压季度随访");

    const form = await c.followup.task({ taskId: first.id });
    expect(form.step!.questions.map((q) => q.key)).toContain("takes_medication");
    expect(form.plan!.guideline).toBe("hypertension");

    await expect(c.followup.record({ taskId: first.id, contactResult: "visited", answers: {}, readings: { systolicMmHg: 130, diastolicMmHg: 80 } })).rejects.toThrow();
    const r1 = await c.followup.record({ taskId: first.id, contactResult: "visited", answers: { takes_medication: true, heart_rate: 72 }, readings: { systolicMmHg: 130, diastolicMmHg: 80 }, note: "情况稳定" });
    expect(r1.assessment).toBe("controlled");
    expect(r1.nextAction).toBe("routine");
    expect(Math.round((r1.nextDueAt!.getTime() - Date.now()) / 86_400_000)).toBe(90);
    // The next task exists at once (upcoming), due in 90 days; the tick has nothing left to create.
    const second = (await openTasks(planId))[0]!;
    expect(r1.nextTaskId).toBe(second.id);
    expect(second.due_at).toEqual(r1.nextDueAt);
    expect((await c.worklist.board({ bucket: "upcoming", mine: true })).tasks.map((t) => t.id)).toContain(second.id);
    expect((await runSchedulerTick(tdb, addDays(new Date(), 85))).tasksCreated).toBe(0);
    await expect(c.followup.record({ taskId: first.id, contactResult: "visited", answers: { takes_medication: true }, readings: {} })).rejects.toThrow();

    const r2 = await c.followup.record({ taskId: second.id, contactResult: "visited", answers: { takes_medication: true }, readings: { systolicMmHg: 150, diastolicMmHg: 85 } });
    expect([r2.assessment, r2.nextAction]).toEqual(["uncontrolled", "recheck"]);
    expect(r2.nextTaskId).not.toBeNull();
    const third = (await openTasks(planId))[0]!;
    expect(third.kind).toBe("followup_recheck");
    const r3 = await c.followup.record({ taskId: third.id, contactResult: "visited", answers: { takes_medication: true }, readings: { systolicMmHg: 145, diastolicMmHg: 92 } });
    expect([r3.assessment, r3.nextAction]).toEqual(["uncontrolled", "referral"]);
    const fourth = (await openTasks(planId))[0]!;
    expect(fourth.kind).toBe("followup_referral");
    const r4 = await c.followup.record({ taskId: fourth.id, contactResult: "visited", answers: { takes_medication: true }, readings: { systolicMmHg: 185, diastolicMmHg: 100 } });
    expect([r4.assessment, r4.nextAction]).toEqual(["emergency", "emergency_referral"]);
    const fifth = (await openTasks(planId))[0]!;
    expect(fifth.kind).toBe("followup_emergency");
    expect(Math.abs(fifth.due_at!.getTime() - Date.now())).toBeLessThan(60_000);
    const overdueOrToday = await c.worklist.board({ bucket: "today", mine: true, kind: "followup_emergency" });
    expect(overdueOrToday.tasks.map((t) => t.id)).toEqual([fifth.id]);

    // Readings are observations (source: the record), through the results writer and its after-write hook.
    const observations = await tdb
      .selectFrom("observations as o")
      .innerJoin("indicators as i", "i.id", "o.indicator_id")
      .select(["i.code", "o.value_num", "o.source_kind", "o.source_id", "o.flag"])
      .where("o.source_id", "in", [r1.recordId, r4.recordId])
      .orderBy("o.source_id")
      .orderBy("i.code")
      .execute();
    expect(observations.map((o) => [o.code, Number(o.value_num), o.source_kind, o.source_id])).toEqual([
      ["DBP", 80, "followup", r1.recordId],
      ["SBP", 130, "followup", r1.recordId],
      ["DBP", 100, "followup", r4.recordId],
      ["SBP", 185, "followup", r4.recordId],
    ]);
    expect(observations.find((o) => o.code === "SBP" && o.source_id === r4.recordId)!.flag).toBe("HH");
    const itemA = await tdb.selectFrom("abnormal_items").select("class").where("patient_id", "=", patientId).where("class", "=", "A").execute();
    expect(itemA).toHaveLength(1);

    const records = await c.followup.records({ patientId });
    expect(records).toHaveLength(4);
    expect(records.at(-1)!.note).toBe("情况稳定");
    expect(records.at(-1)!.answers).toEqual({ takes_medication: true, heart_rate: 72 });
    const sealed = await tdb.selectFrom("followup_records").select(["note_sealed", "answers_sealed"]).where("id", "=", r1.recordId).executeTakeFirstOrThrow();
    expect(sealed.note_sealed).not.toContain("稳定");
    expect(sealed.answers_sealed).not.toContain("takes_medication");
  });

  it("a patient not reached gets a retry in 2 days; a custom date and ending the plan are honoured", async () => {
    const c = callerFor(db, otherHm, tenant.slug);
    const { planId } = await c.followup.startPlan({ patientId: otherPatientId, templateId: await templateId("type2_diabetes") });
    const task = (await openTasks(planId))[0]!;
    const r = await c.followup.record({ taskId: task.id, contactResult: "no_answer", answers: {}, readings: { fastingGlucoseMmolL: 6 } });
    // Not reached: nothing was measured, whatever the form carried.
    expect(await tdb.selectFrom("observations").select("id").where("source_id", "=", r.recordId).execute()).toEqual([]);
    expect(r.nextAction).toBe("retry");
    expect(Math.round((r.nextDueAt!.getTime() - Date.now()) / 86_400_000)).toBe(2);
    const retry = (await openTasks(planId))[0]!;
    expect(retry.kind).toBe("followup_retry");
    const r2 = await c.followup.record({ taskId: retry.id, contactResult: "visited", answers: { takes_medication: false }, readings: { fastingGlucoseMmolL: 3.5 } });
    expect(r2.nextAction).toBe("emergency_referral");
    const emergency = (await openTasks(planId))[0]!;
    const r3 = await c.followup.record({ taskId: emergency.id, contactResult: "reached", answers: { takes_medication: true }, readings: {}, nextStep: { mode: "end_plan" } });
    expect(r3.nextAction).toBe("end_plan");
    expect((await tdb.selectFrom("followup_plans").select("status").where("id", "=", planId).executeTakeFirstOrThrow()).status).toBe("completed");
  });

  it("a manager cannot see or record another manager's patient (NOT_FOUND, audited)", async () => {
    const mine = callerFor(db, hm, tenant.slug);
    const theirs = (await tdb.selectFrom("worklist_tasks").select("id").where("patient_id", "=", otherPatientId).where("status", "=", "open").executeTakeFirstOrThrow()).id;
    expect(await outcome(mine.followup.task({ taskId: theirs }))).toBe("NOT_FOUND");
    expect(await outcome(mine.followup.record({ taskId: theirs, contactResult: "reached" }))).toBe("NOT_FOUND");
    expect(await outcome(mine.followup.plans({ patientId: otherPatientId }))).toBe("NOT_FOUND");
    const board = await mine.worklist.board({ bucket: "overdue", mine: false });
    expect(board.tasks.every((t) => t.patient.id !== otherPatientId)).toBe(true);
    const denied = await tdb.selectFrom("audit_events").select("action").where("resource_id", "=", otherPatientId).where("outcome", "=", "denied").execute();
    expect(denied.length).toBeGreaterThanOrEqual(1);
  });
});
