import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant, type TenantDb } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { getTenantKeyring } from "@/server/crypto/tenant-keys";
import { rulesRerun } from "@/server/jobs/functions/rules-rerun";
import { patientKey } from "@/server/modules/patient/patient-context";
import { loadCatalogue } from "@/server/modules/results/catalogue.repository";
import { writeObservations } from "@/server/modules/results/observation-writer";
import { evaluatePatients } from "@/server/modules/rules/rule-engine";
import { processRerunBatch } from "@/server/modules/rules/rule-rerun";
import { useDatabase } from "@/server/tenancy/database";
import { callerFor, type TestCaller } from "../support/caller";
import { createMember } from "../support/factories";
import { createTestTenant, openTestDatabase, systemActor } from "../support/test-database";

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let t: TenantDb;
let admin: SessionUser;
let manager: SessionUser;
let asAdmin: TestCaller;
let tagId: string;

const HTN_RISK = {
  or: [
    { and: [{ ">=": [{ var: "indicator.SBP.value" }, 130] }, { "<=": [{ var: "indicator.SBP.value" }, 139] }] },
    { and: [{ ">=": [{ var: "indicator.DBP.value" }, 85] }, { "<=": [{ var: "indicator.DBP.value" }, 89] }] },
  ],
};

async function newPatient(name: string, sex: "male" | "female" = "male"): Promise<string> {
  const opened = await asAdmin.patient.openCard({
    patient: { name, birthDate: "1968-05-01", sex },
    card: { level: "金卡", validFrom: "2026-01-01", validTo: "2030-01-01" },
    managerUserId: manager.id,
  });
  if (opened.outcome !== "created") throw new Error("expected created");
  return opened.patientId;
}

async function bp(patientId: string, sbp: number, dbp: number, at = new Date()) {
  const ring = await getTenantKeyring(db.control, tenant.id);
  await t.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("patients").select(["id", "sex", "key_sealed"]).where("id", "=", patientId).executeTakeFirstOrThrow();
    const catalogue = await loadCatalogue(trx);
    await writeObservations(trx, { tenantId: tenant.id, actor: systemActor }, {
      patient: { id: row.id, sex: row.sex, birthDate: "1968-05-01", key: patientKey(ring, row.id, row.key_sealed) },
      reportId: null,
      sourceKind: "manual",
      sourceId: null,
      drafts: [
        { indicator: catalogue.find("SBP")!, observedAt: at, value: sbp, unit: "mmHg" },
        { indicator: catalogue.find("DBP")!, observedAt: at, value: dbp, unit: "mmHg" },
      ],
    });
  });
}

async function counts(patientId: string) {
  const n = async (q: Promise<{ n: string | number | bigint }>) => Number((await q).n);
  return {
    tags: await n(t.selectFrom("patient_tags").select((eb) => eb.fn.countAll().as("n")).where("patient_id", "=", patientId).executeTakeFirstOrThrow() as never),
    tagEvents: await n(t.selectFrom("patient_tag_events").select((eb) => eb.fn.countAll().as("n")).where("patient_id", "=", patientId).executeTakeFirstOrThrow() as never),
    tasks: await n(t.selectFrom("worklist_tasks").select((eb) => eb.fn.countAll().as("n")).where("patient_id", "=", patientId).where("kind", "=", "rule").executeTakeFirstOrThrow() as never),
    audits: await n(t.selectFrom("audit_events").select((eb) => eb.fn.countAll().as("n")).where("patient_id", "=", patientId).where("action", "=", "rules.apply").executeTakeFirstOrThrow() as never),
  };
}

beforeAll(async () => {
  db = await openTestDatabase();
  useDatabase(db);
  tenant = await createTestTenant(db);
  t = forTenant(db.unsafeRoot, tenant.slug);
  admin = await createMember(db, tenant.id, "tenant_admin");
  manager = await createMember(db, tenant.id, "health_manager");
  asAdmin = callerFor(db, admin, tenant.slug);
  tagId = (await asAdmin.tag.create({ name: "高血压高危", colour: "#dc2626", category: "风险", sensitive: false })).id;
  await asAdmin.rules.save({ name: "高血压高危", condition: HTN_RISK, actions: [{ type: "addTag", tagId }, { type: "createTask", dueInDays: 7 }], priority: 10, enabled: true });
});
afterAll(async () => {
  await db.close();
});

describe("evaluation on a new observation", () => {
  it("tags the patient in the observation's transaction, with the rule, its version and the facts that fired it", async () => {
    const id = await newPatient("规则甲");
    await bp(id, 135, 80);
    const tag = await t.selectFrom("patient_tags").selectAll().where("patient_id", "=", id).where("tag_id", "=", tagId).executeTakeFirstOrThrow();
    expect(tag.source).toBe("rule");
    expect(tag.rule_version).toBe(1);
    expect(tag.reason).toBe("高血压高危");
    expect(tag.rule_facts).toEqual({ "indicator.SBP.value": 135, "indicator.DBP.value": 80 });
    const task = await t.selectFrom("worklist_tasks").selectAll().where("patient_id", "=", id).where("kind", "=", "rule").executeTakeFirstOrThrow();
    expect(task.assignee_user_id).toBe(manager.id);
  });

  it("is idempotent: re-evaluating unchanged facts writes nothing", async () => {
    const id = await newPatient("规则乙");
    await bp(id, 120, 87);
    const before = await counts(id);
    expect(before).toMatchObject({ tags: 1, tagEvents: 1, tasks: 1, audits: 1 });
    for (let i = 0; i < 3; i++) {
      const outcome = await t.transaction().execute((trx) => evaluatePatients(trx, { tenantId: tenant.id, actor: systemActor }, [id]));
      expect(outcome).toEqual({ changed: [], entered: 0, left: 0 });
    }
    expect(await counts(id)).toEqual(before);
  });

  it("removes the automatic tag when the patient stops matching, and keeps the task", async () => {
    const id = await newPatient("规则丙");
    await bp(id, 136, 80, new Date(Date.now() - 86_400_000));
    await bp(id, 118, 76);
    const after = await counts(id);
    expect(after.tags).toBe(0);
    expect(after.tagEvents).toBe(2);
    expect(after.tasks).toBe(1);
    expect(await t.selectFrom("rule_matches").select("rule_id").where("patient_id", "=", id).execute()).toEqual([]);
  });

  it("shows the reason on the patient's tag history", async () => {
    const id = await newPatient("规则丁");
    await bp(id, 130, 70);
    const history = await callerFor(db, manager, tenant.slug).tag.history({ patientId: id });
    expect(history[0]).toMatchObject({ action: "add", source: "rule", reason: "高血压高危" });
  });
});

describe("rule editor API", () => {
  it("tests a condition against a patient: facts, match and which parts matched", async () => {
    const id = await newPatient("规则戊");
    await bp(id, 150, 86);
    const result = await asAdmin.rules.test({ patientId: id, condition: HTN_RISK });
    expect(result.matched).toBe(true);
    expect(result.used).toEqual({ "indicator.SBP.value": 150, "indicator.DBP.value": 86 });
    expect(result.explanation.children.map((c) => (c as { result: boolean }).result)).toEqual([false, true]);
    expect(result.facts).toMatchObject({ sex: "male", card: { level: "金卡" } });
  });

  it("counts the patients a condition would match before it is enabled", async () => {
    const { matched, total } = await asAdmin.rules.count({ condition: JSON.stringify({ ">=": [{ var: "indicator.SBP.value" }, 145] }) });
    expect(total).toBeGreaterThanOrEqual(5);
    expect(matched).toBe(1);
  });

  it("refuses an unknown fact, unparsable JSON and an unavailable risk fact, naming them; nothing is saved", async () => {
    const before = await t.selectFrom("rules").select("id").execute();
    const issues = async (condition: unknown) => {
      try {
        await asAdmin.rules.save({ name: "坏规则", condition: condition as string, actions: [{ type: "addTag", tagId }], priority: 1, enabled: true });
      } catch (error) {
        return ((error as { cause: { issues: { path: string[]; message: string }[] } }).cause.issues ?? []).map((i) => `${i.path.join(".")}:${i.message}`);
      }
      return ["saved"];
    };
    expect(await issues({ ">": [{ var: "indicator.NOPE.value" }, 1] })).toEqual(["condition.indicator.NOPE.value:errors.ruleUnknownFact"]);
    expect(await issues('{"and": [')).toEqual(["condition:errors.ruleConditionUnparsable"]);
    expect(await issues({ "==": [{ var: "risk.chinaPar.level" }, "high"] })).toEqual(["condition.risk.chinaPar.level:errors.ruleUnknownFact"]);
    expect(await t.selectFrom("rules").select("id").execute()).toEqual(before);
  });
});

describe("bulk re-run", () => {
  it("evaluates every patient in batches with progress, and a second run changes nothing", async () => {
    const obese = (await asAdmin.tag.create({ name: "收缩压≥140", colour: "#7c3aed", category: null, sensitive: false })).id;
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) {
      const id = await newPatient(`批量${i}`);
      ids.push(id);
      await bp(id, 132 + i * 2, 80);
    }
    // Saved disabled first (no run), then enabled: saving an enabled rule queues a run.
    const saved = await asAdmin.rules.save({ name: "收缩压≥140", condition: { ">=": [{ var: "indicator.SBP.value" }, 140] }, actions: [{ type: "addTag", tagId: obese }], priority: 20, enabled: false });
    expect(saved.rerunId).toBeNull();
    const enabled = await asAdmin.rules.save({ id: saved.id, name: "收缩压≥140", condition: { ">=": [{ var: "indicator.SBP.value" }, 140] }, actions: [{ type: "addTag", tagId: obese }], priority: 20, enabled: true });
    expect(enabled.version).toBe(2);
    const runId = enabled.rerunId!;
    const runner = { tenantId: tenant.id, actorBase: { role: "system", tenantId: tenant.id, requestId: "test", ip: null, userAgent: "vitest" } };
    const batches: number[] = [];
    for (;;) {
      const r = await processRerunBatch(t, runner, runId, 4);
      batches.push(r.processed);
      if (r.done) break;
    }
    const run = await asAdmin.rules.run();
    expect(run).toMatchObject({ id: runId, status: "done" });
    expect(run!.processed).toBe(run!.total);
    expect(batches.length).toBe(Math.floor(run!.total / 4) + 1);
    const tagged = new Set((await t.selectFrom("patient_tags").select("patient_id").where("tag_id", "=", obese).execute()).map((r) => r.patient_id));
    // SBP 132, 134, … 148: the five ≥ 140 (and the earlier patient at 150).
    expect(ids.filter((id) => tagged.has(id))).toEqual(ids.slice(4));
    const tagRow = await t.selectFrom("patient_tags").select(["rule_version", "rule_facts"]).where("tag_id", "=", obese).where("patient_id", "=", ids[8]!).executeTakeFirstOrThrow();
    expect(tagRow).toEqual({ rule_version: 2, rule_facts: { "indicator.SBP.value": 148 } });

    // The Inngest function runs the same batches; nothing changed since, so nothing is written.
    const second = await asAdmin.rules.rerun();
    const eventsBefore = await t.selectFrom("patient_tag_events").select("id").execute();
    const { result } = await new InngestTestEngine({ function: rulesRerun.fn }).execute({ events: [{ name: "rules/rerun.requested", data: { tenantId: tenant.id, runId: second.runId } }] as never });
    expect(result).toMatchObject({ runId: second.runId, changed: 0 });
    expect(await t.selectFrom("patient_tag_events").select("id").execute()).toHaveLength(eventsBefore.length);
  });

  it("disabling a rule and re-running removes the tags it added", async () => {
    const rule = (await asAdmin.rules.list()).rules.find((r) => r.name === "收缩压≥140")!;
    const off = await asAdmin.rules.save({ id: rule.id, name: rule.name, condition: rule.condition, actions: rule.actions, priority: rule.priority, enabled: false });
    const runner = { tenantId: tenant.id, actorBase: { role: "system", tenantId: tenant.id, requestId: "test", ip: null, userAgent: "vitest" } };
    while (!(await processRerunBatch(t, runner, off.rerunId!, 50)).done);
    const tagId2 = (rule.actions[0] as { tagId: string }).tagId;
    expect(await t.selectFrom("patient_tags").select("patient_id").where("tag_id", "=", tagId2).execute()).toEqual([]);
  });
});

describe("demo rules", () => {
  it("seed six enabled example rules whose conditions only name known facts, once", async () => {
    const { seedDemoRules, DEMO_RULES } = await import("@/db/seed/demo-rules");
    const { checkCondition } = await import("@/server/shared/rules/condition");
    const { loadFactUniverse } = await import("@/server/modules/rules/rule-facts");
    const other = await createTestTenant(db);
    expect(await seedDemoRules(db, other.slug)).toEqual({ created: 6 });
    expect(await seedDemoRules(db, other.slug)).toEqual({ created: 0 });
    const o = forTenant(db.unsafeRoot, other.slug);
    const universe = await loadFactUniverse(o);
    for (const r of DEMO_RULES) expect(checkCondition(r.condition, universe), r.name).toEqual([]);
    const rows = await o.selectFrom("rules as r").select(["r.name", "r.enabled"]).execute();
    expect(rows.map((r) => r.name).sort()).toEqual(["中心性肥胖", "抑郁筛查阳性", "肥胖", "血糖异常", "血脂异常", "高血压高危"].sort());
    expect(rows.every((r) => r.enabled)).toBe(true);
    const sensitive = await o.selectFrom("tags").select("sensitive").where("name", "=", "抑郁筛查阳性").executeTakeFirstOrThrow();
    expect(sensitive.sensitive).toBe(true);
  });
});

describe("facts from the health record, risk assessments and last contact", () => {
  it("a record update fires a rule on record facts in its transaction; the facts hold no free text", async () => {
    const smoker = (await asAdmin.tag.create({ name: "吸烟", colour: "#78716c", category: null, sensitive: false })).id;
    const rule = await asAdmin.rules.save({ name: "吸烟者", condition: { "==": [{ var: "record.smoking" }, "current"] }, actions: [{ type: "addTag", tagId: smoker }], priority: 30, enabled: true });
    const id = await newPatient("档案甲");
    const data = {
      pastHistory: [{ condition: "高血压", note: "自述十年" }],
      allergies: [{ substance: "青霉素" }],
      medications: [{ name: "氨氯地平片" }],
      familyHistory: [{ relation: "mother" as const, condition: "2型糖尿病" }],
      surgeries: [],
      lifestyle: { smoking: "current" as const, exerciseMinutesPerWeek: 60 },
    };
    await callerFor(db, manager, tenant.slug).record.update({ patientId: id, expectedVersion: 0, data });
    const tag = await t.selectFrom("patient_tags").select(["rule_id", "rule_facts"]).where("patient_id", "=", id).where("tag_id", "=", smoker).executeTakeFirstOrThrow();
    expect(tag).toEqual({ rule_id: rule.id, rule_facts: { "record.smoking": "current" } });
    const { facts } = await asAdmin.rules.test({ patientId: id, condition: { var: "record.hypertension" } });
    expect(facts.record).toEqual({
      smoking: "current",
      drinking: null,
      exerciseMinutesPerWeek: 60,
      sleepHoursPerNight: null,
      hypertension: true,
      diabetes: false,
      cardiovascularDisease: false,
      onAntihypertensive: true,
      familyHistoryDiabetes: true,
      familyHistoryCardiovascular: false,
      allergyCount: 1,
      medicationCount: 1,
    });
    const stored = await t.selectFrom("health_records").select("facts").where("patient_id", "=", id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored.facts)).not.toContain("自述");
    await callerFor(db, manager, tenant.slug).record.update({ patientId: id, expectedVersion: 1, data: { ...data, lifestyle: { smoking: "former" as const } } });
    expect(await t.selectFrom("patient_tags").select("tag_id").where("patient_id", "=", id).where("tag_id", "=", smoker).execute()).toEqual([]);
    await asAdmin.rules.save({ id: rule.id, name: "吸烟者", condition: { "==": [{ var: "record.smoking" }, "current"] }, actions: [{ type: "addTag", tagId: smoker }], priority: 30, enabled: false });
  });

  it("a new risk assessment fires a rule on its level in the assessment's transaction", async () => {
    const htn = (await asAdmin.tag.create({ name: "高血压风险已评估", colour: "#b91c1c", category: null, sensitive: false })).id;
    const rule = await asAdmin.rules.save({ name: "高血压风险", condition: { "!!": [{ var: "risk.hypertension.level" }] }, actions: [{ type: "addTag", tagId: htn }], priority: 40, enabled: true });
    const id = await newPatient("风险甲");
    await bp(id, 152, 96);
    expect(await t.selectFrom("patient_tags").select("tag_id").where("patient_id", "=", id).where("tag_id", "=", htn).execute()).toEqual([]);
    await callerFor(db, manager, tenant.slug).risk.overview({ patientId: id });
    const assessed = await t.selectFrom("risk_assessments").select(["level", "severity", "score"]).where("patient_id", "=", id).where("model_id", "=", "hypertension").where("is_current", "=", true).executeTakeFirstOrThrow();
    const tag = await t.selectFrom("patient_tags").select("rule_facts").where("patient_id", "=", id).where("tag_id", "=", htn).executeTakeFirstOrThrow();
    expect(tag.rule_facts).toEqual({ "risk.hypertension.level": assessed.level });
    const { facts } = await asAdmin.rules.test({ patientId: id, condition: { var: "risk.hypertension.severity" } });
    expect((facts.risk as Record<string, unknown>).hypertension).toEqual({ level: assessed.level, severity: assessed.severity, score: assessed.score });
    await asAdmin.rules.save({ id: rule.id, name: "高血压风险", condition: { "!!": [{ var: "risk.hypertension.level" }] }, actions: [{ type: "addTag", tagId: htn }], priority: 40, enabled: false });
  });

  it("days since last contact counts whole days from the last reached contact", async () => {
    const id = await newPatient("联系甲");
    const none = await asAdmin.rules.test({ patientId: id, condition: { ">=": [{ var: "daysSinceLastContact" }, 90] } });
    expect(none.facts.daysSinceLastContact).toBeNull();
    await t.updateTable("patients").set({ last_contact_at: new Date(Date.now() - 100 * 86_400_000 - 60_000) }).where("id", "=", id).execute();
    const stale = await asAdmin.rules.test({ patientId: id, condition: { ">=": [{ var: "daysSinceLastContact" }, 90] } });
    expect(stale).toMatchObject({ matched: true, used: { daysSinceLastContact: 100 } });
  });

  it("lists every fact with its type and unit for the condition builder", async () => {
    const facts = await asAdmin.rules.facts();
    const byName = new Map(facts.map((f) => [f.name, f]));
    expect(byName.get("indicator.SBP.value")).toEqual({ name: "indicator.SBP.value", type: "number", values: null, unit: "mmHg" });
    expect(byName.get("record.diabetes")).toEqual({ name: "record.diabetes", type: "boolean", values: null, unit: null });
    expect(byName.get("risk.cvd10.level")?.values).toEqual(["low", "medium", "high"]);
    expect(byName.get("daysSinceLastContact")?.unit).toBe("d");
    expect(byName.get("score.phq9.total")?.type).toBe("number");
  });

  it("reads the same facts in one statement (a few patients) as per table (bulk batches)", async () => {
    const { assembleFacts } = await import("@/server/modules/rules/rule-facts");
    const { factRowsByTable, factRowsInOneStatement } = await import("@/server/modules/rules/fact-rows");
    const ids = (await t.selectFrom("patients").select("id").execute()).map((r) => r.id);
    const now = new Date();
    const byTable = assembleFacts(await factRowsByTable(t, ids), now);
    const oneStatement = assembleFacts(await factRowsInOneStatement(t, ids), now);
    expect(byTable.size).toBe(ids.length);
    expect(oneStatement).toEqual(byTable);
    const all = [...byTable.values()];
    expect(all.some((f) => f.record !== null)).toBe(true);
    expect(all.some((f) => Object.keys(f.risk as object).length > 0)).toBe(true);
    expect(all.some((f) => Object.values(f.indicator as Record<string, { trend: string | null }>).some((i) => i.trend !== null))).toBe(true);
  });
});

describe("daily re-run for calendar facts", () => {
  it("queues one run per tenant whose enabled rules read age or days since an event, and none otherwise", async () => {
    const { requestDailyRuleReruns } = await import("@/server/jobs/functions/rules-daily");
    // Settle earlier runs of this file so an active run is not reused.
    await t.updateTable("rule_runs").set({ status: "done" }).where("status", "in", ["queued", "running"]).execute();
    const other = await createTestTenant(db);
    const o = forTenant(db.unsafeRoot, other.slug);
    const runsOf = async (x: TenantDb) => (await x.selectFrom("rule_runs").select(["id", "status", "requested_by"]).execute()).filter((r) => r.status === "queued");
    const contact = (await asAdmin.tag.create({ name: "久未联系", colour: "#475569", category: null, sensitive: false })).id;
    const rule = await asAdmin.rules.save({ name: "90 天未联系", condition: { ">=": [{ var: "daysSinceLastContact" }, 90] }, actions: [{ type: "addTag", tagId: contact }], priority: 60, enabled: true });
    // Saving queued a run already: the daily pass reuses it rather than queueing a second one.
    const first = await requestDailyRuleReruns();
    expect(first.requested).toBeGreaterThanOrEqual(1);
    expect((await runsOf(t)).map((r) => r.id)).toEqual([rule.rerunId]);
    await t.updateTable("rule_runs").set({ status: "done" }).where("id", "=", rule.rerunId!).execute();
    await requestDailyRuleReruns();
    const queued = await runsOf(t);
    expect(queued).toHaveLength(1);
    expect(queued[0]!.requested_by).toBeNull();
    const event = await t.selectFrom("outbox_events").select(["event_name", "payload"]).where("event_name", "=", "rules/rerun.requested").orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ runId: queued[0]!.id });
    // A tenant without rules (or only rules on non-calendar facts) gets no run.
    expect(await runsOf(o)).toEqual([]);
    await asAdmin.rules.save({ id: rule.id, name: "90 天未联系", condition: { ">=": [{ var: "daysSinceLastContact" }, 90] }, actions: [{ type: "addTag", tagId: contact }], priority: 60, enabled: false });
  });
});
