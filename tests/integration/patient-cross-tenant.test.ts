import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { recordAbnormalFindings } from "@/server/modules/abnormal/abnormal-findings.writer";
import { isTenantPermission } from "@/server/shared/permissions";
import { callerFor, outcome } from "../support/caller";
import { createMember } from "../support/factories";
import { invoke, takesId, walkRouter } from "../support/router-walk";
import { createTestTenant, openTestDatabase, systemActor } from "../support/test-database";

/**
 * Every patient-domain procedure that takes an id, called from tenant A with tenant B's ids:
 * NOT_FOUND, and nothing in B changes.
 * The same phone in two tenants gets different blind indexes.
 */
let db: DatabaseHandle;
let a: { id: string; slug: string };
let b: { id: string; slug: string };
let adminA: SessionUser;
let doctorA: SessionUser;
let hmA: SessionUser;
const B = {} as { indicator: string; mapping: string; batch: string; queueItem: string; apiKey: string; patient: string; patient2: string; card: string; tag: string; task: string; department: string; manager: string; template: string; plan: string; followupTask: string; reminder: string; failure: string; abnormalItem: string; report: string ; form: string; response: string; rule: string };

beforeAll(async () => {
  db = await openTestDatabase({ poolSize: 2 });
  a = await createTestTenant(db, "甲医院");
  b = await createTestTenant(db, "乙医院");
  adminA = await createMember(db, a.id, "tenant_admin");
  doctorA = await createMember(db, a.id, "doctor");
  hmA = await createMember(db, a.id, "health_manager");
  const adminB = await createMember(db, b.id, "tenant_admin");
  const hmB = await createMember(db, b.id, "health_manager");
  const cb = callerFor(db, adminB, b.slug);
  const card = { level: "金卡", validFrom: "2026-01-01", validTo: "2027-01-01" };
  const p1 = await cb.patient.openCard({ patient: { name: "乙患者", birthDate: "1980-01-01", phone: "17000009999" }, card, managerUserId: hmB.id });
  const p2 = await cb.patient.openCard({ patient: { name: "乙家属", birthDate: "1982-01-01" }, card });
  if (p1.outcome !== "created" || p2.outcome !== "created") throw new Error("expected created");
  B.patient = p1.patientId;
  B.patient2 = p2.patientId;
  B.card = p1.cardId;
  B.task = p1.taskIds[0]!;
  B.tag = (await cb.tag.create({ name: "乙标签", colour: "#112233" })).id;
  B.department = (await cb.department.create({ name: "乙科室" })).id;
  B.manager = hmB.id;
  B.template = (await callerFor(db, hmB, b.slug).followup.templates({})).find((t) => t.code === "hypertension")!.id;
  B.plan = (await callerFor(db, hmB, b.slug).followup.startPlan({ patientId: B.patient, templateId: B.template })).planId;
  B.followupTask = (await forTenant(db.unsafeRoot, b.slug).selectFrom("worklist_tasks").select("id").where("plan_id", "=", B.plan).executeTakeFirstOrThrow()).id;
  B.reminder = (await callerFor(db, hmB, b.slug).reminder.create({ patientId: B.patient, kind: "measurement", channels: ["sms"], sendAt: new Date(Date.now() + 3600_000) })).id;
  B.failure = uuidv7();
  await forTenant(db.unsafeRoot, b.slug)
    .insertInto("job_failures")
    .values({ id: B.failure, function_id: "reminder-deliver", event_name: "reminder/reminder.scheduled", event_id: uuidv7(), payload: JSON.stringify({ tenantId: b.id, reminderId: B.reminder, patientId: B.patient, purpose: "care" }), error: "x", attempts: 6 })
    .execute();
  const tb = forTenant(db.unsafeRoot, b.slug);
  const pB = await tb.selectFrom("patients").select(["id", "manager_user_id", "department_id"]).where("id", "=", B.patient).executeTakeFirstOrThrow();
  const [item] = await tb.transaction().execute((trx) =>
    recordAbnormalFindings(trx, { ...systemActor, tenantId: b.id }, {
      tenantId: b.id,
      patient: pB,
      source: "manual",
      results: [{ observationId: "0190b5c0-0000-7000-8000-000000000001", code: "SBP", value: 190, sex: "male", name: "收缩压", nameEn: null, unit: "mmHg", observedAt: new Date() }],
    }),
  );
  B.abnormalItem = item!.id;
  B.report = "0190b5c0-0000-7000-8000-0000000000b1";
  await tb.insertInto("exam_reports").values({ id: B.report, patient_id: B.patient, source: "csv", external_id: "B-1", exam_date: "2026-01-05" }).execute();
  B.form = (await cb.forms.list()).find((f) => f.code === "phq9")!.id;
  B.response = (await callerFor(db, hmB, b.slug).forms.start({ patientId: B.patient, definitionId: B.form })).responseId;
  B.rule = (await cb.rules.save({ name: "乙规则", condition: { ">=": [{ var: "age" }, 200] }, actions: [{ type: "addTag", tagId: B.tag }], priority: 1, enabled: false })).id;
  B.indicator = (await cb.results.catalogue()).find((i) => i.code === "FPG")!.id;
  const csvB = Buffer.from("卡号,体检日期,项目,结果,单位\n900000000001,2025-01-01,FPG,5.0,mmol/L\n").toString("base64");
  const mapping = { layout: "long" as const, columns: { cardNo: "卡号", examDate: "体检日期", indicator: "项目", value: "结果", unit: "单位" }, indicators: [] };
  B.batch = (await cb.results.upload({ format: "csv", fileBase64: csvB, source: "乙来源", mapping, saveMappingAs: "乙映射" })).batchId;
  B.mapping = (await cb.results.mappings())[0]!.id;
  B.queueItem = (await cb.results.queue({})).items[0]!.id;
  B.apiKey = (await cb.apiKey.create({ name: "乙LIS", scopes: ["results.import"] })).id;
  const ca = callerFor(db, adminA, a.slug);
  await ca.patient.openCard({ patient: { name: "甲患者", birthDate: "1980-01-01", phone: "17000009999" }, card, managerUserId: hmA.id });
});
afterAll(async () => {
  await db.close();
});

async function snapshotB() {
  const t = forTenant(db.unsafeRoot, b.slug);
  return JSON.stringify(
    await Promise.all(
      (["patients", "member_cards", "patient_tags", "patient_tag_events", "health_records", "worklist_tasks", "family_links", "patient_events", "tags", "department_staff", "followup_templates", "followup_template_versions", "followup_plans", "followup_records", "reminders", "patient_consents", "job_failures", "outbox_events", "abnormal_items", "abnormal_item_events", "exam_reports", "form_definitions", "form_versions", "form_responses", "rules", "rule_versions", "rule_matches", "observations", "indicator_ranges", "import_mappings", "results_match_queue"] as const).map((tbl) =>
        t.selectFrom(tbl).selectAll().execute(),
      ),
    ),
  );
}

const cases: Record<string, () => unknown> = {
  "patient.byId": () => ({ patientId: B.patient }),
  "patient.timeline": () => ({ patientId: B.patient }),
  "patient.reveal": () => ({ patientId: B.patient, field: "phone", purpose: "x" }),
  "patient.linkFamily": () => ({ patientId: B.patient, relatedPatientId: B.patient2, relation: "spouse" }),
  "patient.unlinkFamily": () => ({ patientId: B.patient, relatedPatientId: B.patient2 }),
  "patient.openCard": () => ({ patient: { name: "越权", birthDate: "1980-01-01" }, card: { level: "x", validFrom: "2026-01-01", validTo: "2026-02-01" }, departmentId: B.department }),
  "patient.list": () => ({ tagIds: [B.tag] }),
  "card.open": () => ({ patientId: B.patient, card: { level: "x", validFrom: "2026-01-01", validTo: "2026-02-01" } }),
  "card.changeStatus": () => ({ cardId: B.card, action: "freeze", reason: "x" }),
  "card.renew": () => ({ cardId: B.card, validTo: "2099-12-31" }),
  "record.get": () => ({ patientId: B.patient }),
  "record.history": () => ({ patientId: B.patient }),
  "record.update": () => ({ patientId: B.patient, expectedVersion: 0, data: { occupation: "x" } }),
  "tag.assign": () => ({ patientId: B.patient, tagId: B.tag }),
  "tag.unassign": () => ({ patientId: B.patient, tagId: B.tag }),
  "tag.history": () => ({ patientId: B.patient }),
  "tag.update": () => ({ id: B.tag, name: "篡改", colour: "#000000" }),
  "panel.reassign": () => ({ patientIds: [B.patient], toUserId: B.manager, reason: "x" }),
  "panel.reassignAll": () => ({ fromUserId: B.manager, toUserId: B.manager, reason: "x" }),
  "panel.setDepartmentStaff": () => ({ departmentId: B.department, userIds: [] }),
  "panel.managers": () => ({ departmentId: B.department }),
  "worklist.complete": () => ({ taskId: B.task }),
  "worklist.board": () => ({ bucket: "overdue", patientId: B.patient }),
  "worklist.forPatient": () => ({ patientId: B.patient }),
  "followup.saveTemplate": () => ({ id: B.template, name: "篡改", guideline: null, steps: [{ offsetDays: 1, channel: "phone", title: "x" }] }),
  "followup.plans": () => ({ patientId: B.patient }),
  "followup.startPlan": () => ({ patientId: B.patient, templateId: B.template }),
  "followup.stopPlan": () => ({ planId: B.plan }),
  "followup.task": () => ({ taskId: B.followupTask }),
  "followup.record": () => ({ taskId: B.followupTask, contactResult: "reached" }),
  "followup.records": () => ({ patientId: B.patient }),
  "reminder.list": () => ({ patientId: B.patient }),
  "reminder.create": () => ({ patientId: B.patient, kind: "measurement", channels: ["sms"], sendAt: new Date(Date.now() + 3600_000) }),
  "reminder.cancel": () => ({ reminderId: B.reminder }),
  "consent.get": () => ({ patientId: B.patient }),
  "consent.record": () => ({ patientId: B.patient, purpose: "care", action: "withdraw", source: "verbal" }),
  "jobs.resolve": () => ({ failureId: B.failure, resolution: "retried" }),
  "abnormal.byId": () => ({ itemId: B.abnormalItem }),
  "abnormal.close": () => ({ itemId: B.abnormalItem, outcome: "notified" }),
  "abnormal.forPatient": () => ({ patientId: B.patient }),
  "trends.series": () => ({ patientId: B.patient, codes: ["SBP"] }),
  "trends.indicators": () => ({ patientId: B.patient }),
  "trends.reports": () => ({ patientId: B.patient }),
  "trends.compare": () => ({ patientId: B.patient, reportA: B.report, reportB: B.report }),
  "measurement.record": () => ({ patientId: B.patient, measuredAt: new Date(Date.now() - 60_000), values: [{ code: "SBP", value: 190, unit: "mmHg" }] }),
  "forms.get": () => ({ id: B.form }),
  "forms.version": () => ({ id: B.form, version: 1 }),
  "forms.saveDraft": () => ({ id: B.form, document: { title: { "zh-CN": "篡改", en: "x" }, items: [{ linkId: "a", type: "boolean", text: { "zh-CN": "题", en: "q" } }] } }),
  "forms.publish": () => ({ id: B.form }),
  "forms.responses": () => ({ patientId: B.patient }),
  "forms.response": () => ({ responseId: B.response }),
  "forms.start": () => ({ patientId: B.patient, definitionId: B.form }),
  "forms.saveAnswers": () => ({ responseId: B.response, answers: {}, complete: false }),
  "forms.createLink": () => ({ patientId: B.patient, definitionId: B.form, validHours: 1, responseId: B.response }),
  "rules.get": () => ({ id: B.rule }),
  "rules.save": () => ({ id: B.rule, name: "篡改", condition: { var: "age" }, actions: [{ type: "addTag", tagId: B.tag }], priority: 1, enabled: true }),
  "rules.test": () => ({ patientId: B.patient, condition: { var: "age" } }),
  "results.updateRanges": () => ({ indicatorId: B.indicator, ranges: [] }),
  "results.upload": () => ({ format: "csv", fileBase64: Buffer.from("a\n1\n").toString("base64"), source: "x", mappingId: B.mapping }),
  "results.batch": () => ({ batchId: B.batch }),
  "results.resolveQueueItem": () => ({ itemId: B.queueItem, patientId: B.patient }),
  "results.discardQueueItem": () => ({ itemId: B.queueItem }),
  "apiKey.rotate": () => ({ id: B.apiKey }),
  "apiKey.revoke": () => ({ id: B.apiKey }),
};

describe("patient procedures with another tenant's ids", () => {
  it("the case list covers every patient-domain procedure that takes an id", async () => {
    const mine = (await walkRouter())
      .filter((p) => p.meta && isTenantPermission(p.meta.permission) && takesId(p) && /^(patient|card|record|tag|panel|worklist|followup|reminder|consent|jobs|abnormal|trends|measurement|forms|rules|results|apiKey)\./.test(p.path))
      .map((p) => p.path)
      .sort();
    expect(mine).toEqual(Object.keys(cases).sort());
  });

  it.each(Object.keys(cases))("%s from tenant A with tenant B's ids finds nothing and changes nothing in B", async (path) => {
    const before = await snapshotB();
    const as = path.startsWith("record.") || path.startsWith("abnormal.") || path.startsWith("trends.") || path.startsWith("measurement.") || path === "patient.reveal" ? doctorA : path === "worklist.complete" || path === "worklist.board" || (path.startsWith("followup.") && path !== "followup.saveTemplate") || /^(reminder|consent)\./.test(path) || /^forms\.(responses|response|start|saveAnswers|createLink)$/.test(path) ? hmA : adminA;
    const call = invoke(callerFor(db, as, a.slug), path, cases[path]!());
    expect(await outcome(call)).toBe("NOT_FOUND");
    expect(await snapshotB()).toEqual(before);
  });

  it("the same phone in two tenants has different blind indexes", async () => {
    const pa = await forTenant(db.unsafeRoot, a.slug).selectFrom("patients").select("phone_bidx").where("phone_bidx", "is not", null).execute();
    const pb = await forTenant(db.unsafeRoot, b.slug).selectFrom("patients").select("phone_bidx").where("phone_bidx", "is not", null).execute();
    expect(pa).toHaveLength(1);
    expect(pb).toHaveLength(1);
    expect(pa[0]!.phone_bidx).not.toBe(pb[0]!.phone_bidx);
    const keys = await db.control.selectFrom("tenant_data_keys").select(["tenant_id", "wrapped_key"]).where("tenant_id", "in", [a.id, b.id]).execute();
    expect(keys).toHaveLength(2);
    for (const k of keys) expect(k.wrapped_key).toMatch(/^tenant-data-key-[0-9a-f]{8}\./);
  });
});
