import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { generateStageSummaryDraft } from "@/server/modules/summary/stage-summary.service";
import { reassessTenant } from "@/server/modules/risk/risk-bulk";
import { callerFor, outcome, type TestCaller } from "../support/caller";
import { createMember } from "../support/factories";
import { daysAgo, openRiskPatient, RISK_SERIES, writeSeries } from "../support/risk-fixtures";
import { createTestTenant, openTestDatabase, systemActor } from "../support/test-database";

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let hm: SessionUser;
let doctor: SessionUser;
let asHm: TestCaller;
let patientId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db);
  const admin = await createMember(db, tenant.id, "tenant_admin");
  hm = await createMember(db, tenant.id, "health_manager");
  doctor = await createMember(db, tenant.id, "doctor");
  asHm = callerFor(db, hm, tenant.slug, "zh-CN");
  patientId = await openRiskPatient(db, tenant, callerFor(db, admin, tenant.slug), hm.id);
  await callerFor(db, doctor, tenant.slug).record.update({
    patientId,
    expectedVersion: 0,
    data: { pastHistory: [{ condition: "高血压" }], medications: [{ name: "苯磺酸氨氯地平片", dose: "5mg" }], familyHistory: [{ relation: "father", condition: "2型糖尿病" }], lifestyle: { smoking: "current" } },
  });
});
afterAll(async () => {
  await (await import("@/server/pdf/render-pool")).closeRenderPool();
  await db.close();
});

const t = () => forTenant(db.unsafeRoot, tenant.slug);

describe("risk assessment from the record and observations", () => {
  it("before any result: models that need measurements name what is missing", async () => {
    const o = await asHm.risk.overview({ patientId });
    const cdrs = o.current.find((c) => c.modelId === "cdrs")!;
    expect(cdrs.result).toEqual({ status: "not_assessable", missing: ["sbpMmHg", "bmi", "waistCm"] });
    expect(o.inputs).toMatchObject({ sex: "male", ageYears: 56, currentSmoker: true, onAntihypertensive: true, familyHistoryDiabetes: true, hypertensionDiagnosed: true, diabetes: false });
  });

  it("new observations enqueue a re-assessment; the assessment stores inputs, version and result", async () => {
    await writeSeries(db, tenant, patientId, RISK_SERIES());
    const events = await t().selectFrom("outbox_events").select(["event_name", "payload"]).where("event_name", "=", "risk/assessment.requested").execute();
    expect(events.map((e) => (e.payload as { patientIds: string[] }).patientIds)).toEqual([[patientId]]);
    // The job's handler: models whose inputs changed get a new current row.
    const run = await reassessTenant(db, { id: tenant.id, db: t() }, { trigger: "observations", patientIds: [patientId], actor: systemActor });
    expect(run).toMatchObject({ patients: 1 });
    expect(run.written).toBeGreaterThan(0);
    const rows = await t().selectFrom("risk_assessments").selectAll().where("patient_id", "=", patientId).where("is_current", "=", true).execute();
    const byModel = Object.fromEntries(rows.map((r) => [r.model_id, r]));
    // CDRS by hand: age 55–59 15 + SBP 142 → 7 + BMI 80/1.7² = 27.7 → 3 + waist 96 → 10 + father diabetic 6 + male 2 = 43
    expect([byModel.cdrs!.score, byModel.cdrs!.level, byModel.cdrs!.model_version]).toEqual([43, "high", "1.0.0"]);
    expect(byModel.cdrs!.inputs).toMatchObject({ sbpMmHg: { value: 142, unit: "mmHg", source: "observation" }, familyHistoryDiabetes: { value: 1, source: "record" } });
    // Framingham: Σβx = 3.06117·ln56 + 1.1237·ln212.685 − 0.93263·ln42.537 + 1.99881·ln142 (treated) + 0.65451 = 25.40766 → 38.7 %
    expect([byModel.cvd10!.score, byModel.cvd10!.level]).toEqual([38.7, "high"]);
    // 142/90 grade 1 with 5 other risk factors (age, smoking, FPG 6.3, TC 5.5, waist 96) → high
    expect(byModel.hypertension!.level).toBe("high");
    // waist, glucose, BP, TG 2.1 met; HDL 1.1 not → 4 criteria
    expect([byModel.metabolic_syndrome!.level, byModel.metabolic_syndrome!.score]).toEqual(["present", 4]);
    expect(byModel.body!.level).toBe("overweight_central");
    // CKD-EPI 2021: 142 × (1.13122/0.9)^−1.2 × 0.9938^56 = 76.2 → 76, G2
    expect([byModel.ckd!.score, byModel.ckd!.level]).toEqual([76, "G2"]);
  });

  it("a second run with unchanged inputs writes nothing; a new value writes a new current row and keeps history", async () => {
    expect((await reassessTenant(db, { id: tenant.id, db: t() }, { trigger: "observations", patientIds: [patientId], actor: systemActor })).written).toBe(0);
    await writeSeries(db, tenant, patientId, { SBP: [[daysAgo(1), 128]], DBP: [[daysAgo(1), 80]] });
    const o = await asHm.risk.overview({ patientId });
    expect(o.inputs.sbpMmHg).toBe(128);
    // not assessable (no results yet) → assessed → re-assessed with the new SBP
    expect(o.history.filter((h) => h.modelId === "cvd10").map((h) => h.status)).toEqual(["assessed", "assessed", "not_assessable"]);
    const audit = await t().selectFrom("audit_events").select("action").where("action", "in", ["risk.view", "risk.reassess"]).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["risk.view", "risk.reassess"]));
  });

  it("the calculator (errors are message keys here; the HTTP layer localises them) refuses age 12 for the cardiovascular model and unknown units", async () => {
    expect(await outcome(asHm.risk.calculate({ modelId: "cvd10", sex: "male", ageYears: 12, sbp: { value: 120, unit: "mmHg" }, tc: { value: 5, unit: "mmol/L" }, hdl: { value: 1.2, unit: "mmol/L" }, onAntihypertensive: false, currentSmoker: false, diabetes: false }))).toBe("BAD_REQUEST");
    await expect(asHm.risk.calculate({ modelId: "cvd10", sex: "male", ageYears: 50, sbp: { value: 120, unit: "mmHg" }, tc: { value: 5, unit: "g/L" }, hdl: { value: 1.2, unit: "mmol/L" }, onAntihypertensive: false, currentSmoker: false, diabetes: false })).rejects.toThrow(/errors\.riskUnitMismatch/);
    const r = await asHm.risk.calculate({ modelId: "cvd10", sex: "female", ageYears: 61, sbp: { value: 124, unit: "mmHg" }, tc: { value: 180, unit: "mg/dL" }, hdl: { value: 47, unit: "mg/dL" }, onAntihypertensive: false, currentSmoker: true, diabetes: false });
    expect(r.result).toMatchObject({ status: "assessed", score: 10.5 });
  });
});

describe("advice", () => {
  it("proposes templates matching risk levels, indicators and the record, then publishes an edited set", async () => {
    const proposal = await asHm.advice.propose({ patientId, locale: "zh-CN" });
    const titles = proposal.map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(["低盐饮食", "DASH 饮食模式", "控糖饮食", "戒烟限酒", "每周150分钟中等强度运动", "减重运动计划"]));
    expect(titles).not.toContain("建议心理专科评估");
    const items = proposal.slice(0, 3).map(({ templateId, category, title, body }) => ({ templateId, category, title, body: `${body}（已与患者确认）` }));
    await asHm.advice.publish({ patientId, items });
    const current = await asHm.advice.current({ patientId });
    expect(current.published?.items.map((i) => i.body.endsWith("（已与患者确认）"))).toEqual([true, true, true]);
    const sealed = await t().selectFrom("advice_sets").select("items_sealed").where("patient_id", "=", patientId).executeTakeFirstOrThrow();
    expect(sealed.items_sealed).not.toContain("患者确认");
  });

  it("a completed PHQ-9 (total 12: moderate) brings the mental-health referral advice, with the score as its reason", async () => {
    const phq9 = (await asHm.forms.list({})).find((f) => f.code === "phq9")!;
    const { responseId } = await asHm.forms.start({ patientId, definitionId: phq9.id });
    // Items 1–9 scored 2,2,2,2,1,1,1,1,0 → total 12 (Kroenke 2001: 10–14 moderate); difficulty answered.
    const scores = [2, 2, 2, 2, 1, 1, 1, 1, 0];
    const answers = Object.fromEntries([...scores.map((s, i) => [`phq9_${i + 1}`, String(s)]), ["phq9_difficulty", "some"]]);
    await asHm.forms.saveAnswers({ responseId, answers, complete: true });
    const referral = (await asHm.advice.propose({ patientId, locale: "zh-CN" })).find((p) => p.title === "建议心理专科评估");
    expect(referral?.reasons).toEqual([{ key: "questionnaire", params: { instrument: "PHQ-9", score: 12 } }]);
  });

  it("publishing empty advice is refused with a clear message and changes nothing", async () => {
    const before = await t().selectFrom("advice_sets").selectAll().execute();
    await expect(asHm.advice.publish({ patientId, items: [{ templateId: null, category: "diet", title: "低盐", body: "   " }] })).rejects.toThrow(/errors\.adviceEmpty/);
    await expect(asHm.advice.publish({ patientId, items: [] })).rejects.toThrow(/errors\.adviceEmpty/);
    expect(await t().selectFrom("advice_sets").selectAll().execute()).toEqual(before);
  });
});

describe("plans", () => {
  it("tracks SBP < 130 and weight −3 kg from new observations; past goal dates are refused", async () => {
    const due = daysAgo(-90);
    await expect(asHm.plan.create({ patientId, kind: "intervention", title: "降压", goals: [{ metric: "sbp", comparator: "lt", target: 130, dueDate: daysAgo(1) }], tasks: [] })).rejects.toThrow(/errors\.planGoalDatePast/);
    const { id } = await asHm.plan.create({
      patientId,
      kind: "intervention",
      title: "高血压强化管理",
      goals: [
        { metric: "sbp", comparator: "lt", target: 130, dueDate: due },
        { metric: "weight", comparator: "decrease_by", target: 3, dueDate: due },
      ],
      tasks: [{ title: "家庭自测血压", frequency: "daily", timesPerPeriod: 2 }],
    });
    let plan = (await asHm.plan.list({ patientId })).find((p) => p.id === id)!;
    // Nothing measured since the plan started today → no data; baselines are the latest values (128 mmHg, 80 kg).
    expect(plan.goals.map((g) => [g.metric, g.baseline, g.status])).toEqual([["sbp", 128, "no_data"], ["weight", 80, "no_data"]]);
    await writeSeries(db, tenant, patientId, { SBP: [[new Date().toISOString().slice(0, 10), 126]], WEIGHT: [[new Date().toISOString().slice(0, 10), 78.5]] });
    plan = (await asHm.plan.list({ patientId })).find((p) => p.id === id)!;
    const [sbp, weight] = plan.goals;
    expect([sbp!.status, sbp!.latest]).toEqual(["met", 126]);
    // 80 → 78.5 covers 1.5 of 3 kg at the very start of the period (expected 0) → on track
    expect([weight!.status, weight!.progress]).toEqual(["on_track", 0.5]);
    expect(plan.overall).toBe("on_track");
  });
});

describe("stage summary", () => {
  it("drafts a period summary with indicator changes, goals, risks and advice; idempotent; publish needs text", async () => {
    const args = { tenantId: tenant.id, patientId, periodStart: daysAgo(365), periodEnd: daysAgo(0), source: "scheduled" as const, actor: systemActor };
    const first = await generateStageSummaryDraft(t(), args);
    expect(first.outcome).toBe("created");
    expect((await generateStageSummaryDraft(t(), args)).outcome).toBe("refreshed");
    const [s] = await asHm.summary.list({ patientId });
    const sbp = s!.content.indicators.find((i) => i.metric === "sbp")!;
    expect([sbp.from, sbp.to, sbp.direction, sbp.improved]).toEqual([152, 126, "down", true]);
    const weight = s!.content.indicators.find((i) => i.metric === "weight")!;
    expect([weight.from, weight.to, weight.direction]).toEqual([82, 78.5, "down"]);
    expect([s!.content.goalsMet, s!.content.goalsTotal]).toEqual([1, 2]);
    expect(s!.content.advice).toHaveLength(1);
    expect(s!.content.risks.find((r) => r.modelId === "cdrs")?.to).toBe("high");
    await expect(asHm.summary.publish({ summaryId: s!.id })).rejects.toThrow(/errors\.summaryEmpty/);
    await asHm.summary.update({ summaryId: s!.id, narrative: "血压已达标，体重下降3.5公斤。继续低盐饮食。" });
    await asHm.summary.publish({ summaryId: s!.id });
    expect((await generateStageSummaryDraft(t(), args)).outcome).toBe("already_published");
    await expect(asHm.summary.update({ summaryId: s!.id, narrative: "改" })).rejects.toThrow(/errors\.summaryAlreadyPublished/);
  });
});

describe("printed health report", () => {
  it("renders the seeded patient's report off the request thread: A4 pages, abnormal findings first, CJK font embedded, audited", async () => {
    const r = await asHm.report.generate({ patientId, locale: "zh-CN", conclusion: "血压控制改善，继续低盐饮食，三个月后复查血脂。" });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "report-")), "report.pdf");
    writeFileSync(file, Buffer.from(r.pdfBase64, "base64"));
    const info = execFileSync("pdfinfo", [file]).toString();
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    // cover, summary + abnormal + conclusion, risks (2–3), results, trends, advice/plan/summary (1–2)
    expect(pages).toBeGreaterThanOrEqual(7);
    expect(pages).toBeLessThanOrEqual(10);
    expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
    const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString();
    // CDRS now: SBP 126 → 3 points (15 + 3 + BMI 78.5/1.7² = 27.2 → 3 + waist 10 + family 6 + male 2 = 39)
    for (const expected of ["健康报告", "风险患者", "重要异常结果", "疾病风险评估", "中国糖尿病风险评分", "39 分", "检查结果", "收缩压", "参考范围", "关键指标趋势", "健康建议", "健康干预计划", "高血压强化管理", "健康阶段总结", "血压已达标", "医生结论", "三个月后复查血脂", "第2页/共"]) {
      expect(text, expected).toContain(expected);
    }
    // Abnormal findings come before the full results table.
    expect(text.indexOf("重要异常结果")).toBeLessThan(text.indexOf("检查结果"));
    const fonts = execFileSync("pdffonts", [file]).toString();
    expect(fonts).toMatch(/NotoSansSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes/);
    const row = await t().selectFrom("health_reports").selectAll().where("id", "=", r.reportId).executeTakeFirstOrThrow();
    expect([row.status, row.pages]).toEqual(["done", pages]);
    const audit = await t().selectFrom("audit_events").select(["action", "patient_id"]).where("action", "=", "report.generate").execute();
    expect(audit).toEqual([{ action: "report.generate", patient_id: patientId }]);
  });

  it("renders in English too", async () => {
    const r = await asHm.report.generate({ patientId, locale: "en" });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "report-")), "report.pdf");
    writeFileSync(file, Buffer.from(r.pdfBase64, "base64"));
    const text = execFileSync("pdftotext", [file, "-"]).toString();
    for (const expected of ["Health report", "Abnormal findings", "Chinese Diabetes Risk Score", "Systolic blood pressure", "Page 2 of"]) expect(text).toContain(expected);
  });
});
