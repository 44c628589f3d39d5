import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant, type TenantDb } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { LinkRefused, openLink, saveLink } from "@/server/modules/forms/form-link.service";
import { useDatabase } from "@/server/tenancy/database";
import { callerFor, type TestCaller } from "../support/caller";
import { createMember } from "../support/factories";
import { createTestTenant, openTestDatabase } from "../support/test-database";

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let t: TenantDb;
let admin: SessionUser;
let manager: SessionUser;
let asAdmin: TestCaller;
let asManager: TestCaller;
let patientId: string;
const meta = { requestId: "link-test", ip: "10.0.0.9", userAgent: "phone" };

const text = (zh: string, en: string) => ({ "zh-CN": zh, en });
const moodV1 = {
  title: text("情绪小问卷", "Mood check"),
  items: [
    { linkId: "low", type: "choice", required: true, text: text("心情低落？", "Feeling low?"), options: [{ code: "0", text: text("否", "No"), score: 0 }, { code: "1", text: text("是", "Yes"), score: 3 }] },
    { linkId: "why", type: "text", text: text("原因", "Why"), enableWhen: [{ question: "low", operator: "=", answer: "1" }] },
    { linkId: "weight", type: "measurement", measurement: "weight", unit: "kg", text: text("体重", "Weight") },
  ],
  scores: [{ id: "mood", title: text("情绪分", "Mood score"), items: ["low"], bands: [{ min: 0, max: 2, label: text("正常", "Normal"), severity: "normal" }, { min: 3, max: 3, label: text("低落", "Low"), severity: "attention" }] }],
  mappings: [{ kind: "indicator", linkId: "weight", indicator: "WEIGHT" }],
};

beforeAll(async () => {
  db = await openTestDatabase();
  useDatabase(db);
  tenant = await createTestTenant(db);
  t = forTenant(db.unsafeRoot, tenant.slug);
  admin = await createMember(db, tenant.id, "tenant_admin");
  manager = await createMember(db, tenant.id, "health_manager");
  asAdmin = callerFor(db, admin, tenant.slug);
  asManager = callerFor(db, manager, tenant.slug);
  const opened = await asAdmin.patient.openCard({
    patient: { name: "表单患者", birthDate: "1980-02-02", sex: "female" },
    card: { level: "银卡", validFrom: "2026-01-01", validTo: "2030-01-01" },
    managerUserId: manager.id,
  });
  if (opened.outcome !== "created") throw new Error("expected created");
  patientId = opened.patientId;
});
afterAll(async () => {
  await db.close();
});

describe("library and definitions", () => {
  it("every tenant starts with the published built-in library", async () => {
    const forms = await asAdmin.forms.list();
    expect(forms.map((f) => f.code).sort()).toEqual(["gad7", "lifestyle", "phq9", "pre-checkup", "satisfaction"]);
    expect(forms.every((f) => f.builtin && f.currentVersion === 1)).toBe(true);
  });

  it("publishing a new version never changes answers or scores given to an old version", async () => {
    const { id } = await asAdmin.forms.create({ code: "mood", kind: "questionnaire", document: moodV1 });
    await asAdmin.forms.publish({ id });
    const { responseId } = await asManager.forms.start({ patientId, definitionId: id });
    await asManager.forms.saveAnswers({ responseId, answers: { low: "1", why: "工作压力" }, complete: true });
    const v2 = structuredClone(moodV1);
    v2.items[0]!.text = text("最近两周心情低落？", "Feeling low in the last two weeks?");
    v2.scores[0]!.bands[1]!.label = text("需要关注", "Needs attention");
    await asAdmin.forms.saveDraft({ id, document: v2 });
    expect((await asAdmin.forms.publish({ id })).version).toBe(2);

    const old = await asManager.forms.response({ responseId });
    expect(old.version).toBe(1);
    expect(old.document.items[0]!.text.en).toBe("Feeling low?");
    expect(old.scores[0]).toMatchObject({ value: 3, band: { label: { en: "Low" } } });
    expect(old.answers).toEqual({ low: "1", why: "工作压力" });
    const fresh = await asManager.forms.start({ patientId, definitionId: id });
    expect((await asManager.forms.response({ responseId: fresh.responseId })).version).toBe(2);
  });

  it("refuses a definition whose condition points at a later item, naming the item; nothing saved", async () => {
    const bad = structuredClone(moodV1);
    bad.items[0]!.enableWhen = [{ question: "why", operator: "exists", answer: true }] as never;
    const before = (await asAdmin.forms.list()).length;
    await expect(asAdmin.forms.create({ code: "bad-form", kind: "questionnaire", document: bad })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await asAdmin.forms.list()).length).toBe(before);
  });
});

describe("staff filling", () => {
  it("stores free text sealed, never in clear", async () => {
    const id = (await asAdmin.forms.list()).find((f) => f.code === "mood")!.id;
    const { responseId } = await asManager.forms.start({ patientId, definitionId: id });
    await asManager.forms.saveAnswers({ responseId, answers: { low: "1", why: "家里有事，睡不好" }, complete: false });
    const row = await t.selectFrom("form_responses").selectAll().where("id", "=", responseId).executeTakeFirstOrThrow();
    expect(JSON.stringify(row.answers)).not.toContain("家里");
    expect(row.free_text_sealed).toBeTruthy();
    expect(row.free_text_sealed).not.toContain("家里");
    expect(row.status).toBe("in_progress");
  });

  it("writes mapped answers as observations and record fields with the response as source", async () => {
    const lifestyle = (await asAdmin.forms.list()).find((f) => f.code === "lifestyle")!.id;
    const { responseId } = await asManager.forms.start({ patientId, definitionId: lifestyle });
    await asManager.forms.saveAnswers({ responseId, answers: { smokingStatus: "current", cigarettesPerDay: 10, drinking: "occasional", exerciseMinutes: 90, sleepHours: 6.5 }, complete: true });
    const record = await asManager.record.get({ patientId });
    expect(record.data.lifestyle).toEqual({ smoking: "current", cigarettesPerDay: 10, drinking: "occasional", exerciseMinutesPerWeek: 90, sleepHoursPerNight: 6.5 });

    const pre = (await asAdmin.forms.list()).find((f) => f.code === "pre-checkup")!.id;
    const second = await asManager.forms.start({ patientId, definitionId: pre });
    await asManager.forms.saveAnswers({
      responseId: second.responseId,
      answers: { height: 160, weight: 64, symptoms: ["none"], history: ["none"], takesMedication: false, hasAllergy: false },
      complete: true,
    });
    const obs = await t
      .selectFrom("observations as o")
      .innerJoin("indicators as i", "i.id", "o.indicator_id")
      .select(["i.code", "o.value_num", "o.source_kind", "o.source_id"])
      .where("o.patient_id", "=", patientId)
      .where("o.source_id", "=", second.responseId)
      .orderBy("i.code")
      .execute();
    expect(obs).toEqual([
      { code: "BMI", value_num: 25, source_kind: "form", source_id: second.responseId },
      { code: "HEIGHT", value_num: 160, source_kind: "form", source_id: second.responseId },
      { code: "WEIGHT", value_num: 64, source_kind: "form", source_id: second.responseId },
    ]);
  });

  it("refuses wrong answers by item and saves nothing", async () => {
    const phq9 = (await asAdmin.forms.list()).find((f) => f.code === "phq9")!.id;
    const { responseId } = await asManager.forms.start({ patientId, definitionId: phq9 });
    const attempt = asManager.forms.saveAnswers({ responseId, answers: { phq9_1: "7", phq9_2: 2 }, complete: true });
    type Refusal = { code: string; cause: { issues: { path: string[]; message: string }[] } };
    const error = (await attempt.then(() => null, (e: unknown) => e)) as Refusal;
    expect(error.code).toBe("BAD_REQUEST");
    const issues = error.cause.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(issues).toEqual(expect.arrayContaining(["answers.phq9_1:errors.formAnswerOption", "answers.phq9_2:errors.formAnswerType", "answers.phq9_3:errors.formAnswerRequired"]));
    const row = await t.selectFrom("form_responses").select(["answers", "status"]).where("id", "=", responseId).executeTakeFirstOrThrow();
    expect(row).toEqual({ answers: {}, status: "in_progress" });
  });
});

describe("patient link", () => {
  it("the patient saves progress, resumes, submits; the score is stored and a rule tags them with the reason", async () => {
    const sensitiveTag = (await asAdmin.tag.create({ name: "抑郁筛查阳性", colour: "#9333ea", category: "心理", sensitive: true })).id;
    await asAdmin.rules.save({ name: "抑郁筛查阳性", condition: { ">=": [{ var: "score.phq9.total" }, 10] }, actions: [{ type: "addTag", tagId: sensitiveTag }], priority: 5, enabled: true });
    const phq9 = (await asAdmin.forms.list()).find((f) => f.code === "phq9")!.id;
    const link = await asManager.forms.createLink({ patientId, definitionId: phq9, validHours: 48 });
    expect(link.path).toBe(`/f/${link.token}`);

    const first = await openLink(db, link.token, meta);
    expect(first).toMatchObject({ status: "in_progress", answers: {} });
    await saveLink(db, link.token, { answers: { phq9_1: "2", phq9_2: "2", phq9_3: "1" }, complete: false }, meta);
    const resumed = await openLink(db, link.token, meta);
    expect(resumed.answers).toEqual({ phq9_1: "2", phq9_2: "2", phq9_3: "1" });

    await saveLink(db, link.token, { answers: { phq9_1: "2", phq9_2: "2", phq9_3: "1", phq9_4: "2", phq9_5: "1", phq9_6: "1", phq9_7: "1", phq9_8: "0", phq9_9: "0", phq9_difficulty: "some" }, complete: true }, meta);
    const done = await openLink(db, link.token, meta);
    expect(done.status).toBe("completed");
    expect(done.scores.find((s) => s.id === "total")).toMatchObject({ value: 10, band: { severity: "high" } });

    const tag = await t.selectFrom("patient_tags").selectAll().where("patient_id", "=", patientId).where("tag_id", "=", sensitiveTag).executeTakeFirstOrThrow();
    expect(tag).toMatchObject({ source: "rule", reason: "抑郁筛查阳性", rule_version: 1, rule_facts: { "score.phq9.total": 10 } });
    await expect(saveLink(db, link.token, { answers: {}, complete: true }, meta)).rejects.toMatchObject({ code: "CONFLICT" });
    const audit = await t.selectFrom("audit_events").select(["action", "actor_role", "actor_user_id"]).where("action", "=", "form.complete").where("actor_role", "=", "patient_link").execute();
    expect(audit).toEqual([{ action: "form.complete", actor_role: "patient_link", actor_user_id: null }]);
  });

  it("refuses tampered, revoked and expired links", async () => {
    const gad7 = (await asAdmin.forms.list()).find((f) => f.code === "gad7")!.id;
    const link = await asManager.forms.createLink({ patientId, definitionId: gad7, validHours: 1 });
    const [body, sig] = link.token.split(".");
    const tampered = `${body}.${sig!.slice(0, -2)}${sig!.endsWith("A") ? "B" : "A"}A`;
    await expect(openLink(db, tampered, meta)).rejects.toEqual(new LinkRefused("invalid"));
    await expect(openLink(db, link.token, meta, new Date(Date.now() + 2 * 3_600_000))).rejects.toEqual(new LinkRefused("expired"));
    const renewed = await asManager.forms.createLink({ patientId, definitionId: gad7, validHours: 24, responseId: link.responseId });
    await expect(openLink(db, link.token, meta)).rejects.toEqual(new LinkRefused("invalid"));
    expect((await openLink(db, renewed.token, meta)).status).toBe("in_progress");
  });
});
