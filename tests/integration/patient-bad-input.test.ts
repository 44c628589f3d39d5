import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import { forTenant, type TenantDb } from "@/db/tenant";
import { localiseMessage } from "@/server/api/localize-error";
import type { SessionUser } from "@/server/auth/types";
import { makeCardNumber } from "@/server/modules/patient/rules/card-number";
import { makeIdNumber } from "@/server/modules/patient/rules/id-number";
import enErrors from "@/messages/en/errors.json";
import zhErrors from "@/messages/zh-CN/errors.json";
import { callerFor, type TestCaller } from "../support/caller";
import { createMember } from "../support/factories";
import { createTestTenant, openTestDatabase } from "../support/test-database";

// The bad-input list, one case each: the refusal code, the catalogue message in both
// languages, nothing changed in the tenant, and for ids outside the caller's reach an audited denial.

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let other: { id: string; slug: string };
let tdb: TenantDb;
let hmA: SessionUser;
let hmB: SessionUser;
let service: SessionUser;
let admin: SessionUser;
let mine: { patientId: string; cardId: string; cardNumber: string };
let foreignPatient: string;
let otherTenantPatient: string;
let tagId: string;

const goodCard = { level: "银卡", validFrom: "2026-01-01", validTo: "2027-12-31" };
const goodPatient = () => ({ name: "钱学森", idNumber: makeIdNumber("310104", "1981-12-11", 301), phone: "17000009901" });

/** The tenant's patient-domain tables, for "nothing changed". */
async function snapshot() {
  return Promise.all(
    (["patients", "member_cards", "patient_search_tokens", "patient_tags", "patient_tag_events", "health_records", "health_record_versions", "patient_events", "worklist_tasks", "family_links"] as const).map((t) =>
      tdb.selectFrom(t).selectAll().execute(),
    ),
  );
}

/** The refusal: code and catalogue key (zod issues carry the key in their message). */
async function refusal(call: Promise<unknown>): Promise<{ code: string; key: string }> {
  const e = (await call.then(
    () => ({ code: "OK", message: "" }),
    (error: unknown) => error,
  )) as { code: string; message: string };
  const key = e.message.startsWith("[") ? (JSON.parse(e.message) as { message: string }[])[0]!.message : e.message;
  return { code: e.code, key };
}

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db, "坏输入医院");
  other = await createTestTenant(db, "另一家医院");
  tdb = forTenant(db.unsafeRoot, tenant.slug);
  hmA = await createMember(db, tenant.id, "health_manager");
  hmB = await createMember(db, tenant.id, "health_manager");
  service = await createMember(db, tenant.id, "customer_service");
  admin = await createMember(db, tenant.id, "tenant_admin");
  const cs = callerFor(db, service, tenant.slug);
  const a = await cs.patient.openCard({ patient: goodPatient(), card: { ...goodCard, cardNumber: makeCardNumber() }, managerUserId: hmA.id });
  const b = await cs.patient.openCard({ patient: { name: "华罗庚", birthDate: "1960-11-12", sex: "male" }, card: goodCard, managerUserId: hmB.id });
  if (a.outcome !== "created" || b.outcome !== "created") throw new Error("expected created");
  mine = { patientId: a.patientId, cardId: a.cardId, cardNumber: a.cardNumber };
  foreignPatient = b.patientId;
  tagId = (await callerFor(db, admin, tenant.slug).tag.create({ name: "高血压", colour: "#B91C1C" })).id;
  const otherAdmin = await createMember(db, other.id, "customer_service");
  const o = await callerFor(db, otherAdmin, other.slug).patient.openCard({ patient: { name: "外院客户", birthDate: "1970-01-01", sex: "female" }, card: goodCard });
  if (o.outcome !== "created") throw new Error("expected created");
  otherTenantPatient = o.patientId;
});
afterAll(async () => {
  await db.close();
});

const valid = () => goodPatient();
const cases: [string, (c: TestCaller) => Promise<unknown>, string, string][] = [
  ["invalid ID number (check digit)", (c) => c.patient.openCard({ patient: { ...valid(), idNumber: "110105198112113010" }, card: goodCard }), "BAD_REQUEST", "errors.idNumberInvalid"],
  ["ID number with an impossible birth date", (c) => c.patient.openCard({ patient: { ...valid(), idNumber: "11010519811311301X" }, card: goodCard }), "BAD_REQUEST", "errors.idNumberInvalid"],
  ["ID number disagreeing with the sex given", (c) => c.patient.openCard({ patient: { ...valid(), idNumber: makeIdNumber("310104", "1981-12-11", 303), sex: "female", phone: "17000009902" }, card: goodCard }), "BAD_REQUEST", "errors.idNumberSexMismatch"],
  ["invalid mobile phone", (c) => c.patient.openCard({ patient: { ...valid(), phone: "12345678901" }, card: goodCard }), "BAD_REQUEST", "errors.phoneInvalid"],
  ["invalid emergency-contact phone", (c) => c.patient.openCard({ patient: { ...valid(), emergencyContact: { name: "家属", phone: "0571-8888", relation: "配偶" } }, card: goodCard }), "BAD_REQUEST", "errors.phoneInvalid"],
  ["birth date in the future", (c) => c.patient.openCard({ patient: { name: "未来人", birthDate: "2999-01-01", sex: "male" }, card: goodCard }), "BAD_REQUEST", "errors.dateInFuture"],
  ["a date that does not exist", (c) => c.patient.openCard({ patient: { name: "闰日", birthDate: "1990-02-30", sex: "male" }, card: goodCard }), "BAD_REQUEST", "errors.dateInvalid"],
  ["surgery dated in the future", (c) => c.record.update({ patientId: mine.patientId, expectedVersion: 0, data: { surgeries: [{ name: "阑尾切除", date: "2999-05-01" }] } as never }), "BAD_REQUEST", "errors.dateInFuture"],
  ["card validity reversed at opening", (c) => c.patient.openCard({ patient: valid(), card: { ...goodCard, validFrom: "2027-01-01", validTo: "2026-01-01" } }), "BAD_REQUEST", "errors.cardValidityReversed"],
  ["card validity reversed on another card", (c) => c.card.open({ patientId: mine.patientId, card: { ...goodCard, validFrom: "2027-01-01", validTo: "2026-01-01" } }), "BAD_REQUEST", "errors.cardValidityReversed"],
  ["renewal ending before the current end", (c) => c.card.renew({ cardId: mine.cardId, validTo: "2027-01-01" }), "BAD_REQUEST", "errors.cardRenewNotLater"],
  ["card number with a wrong check digit", (c) => c.patient.openCard({ patient: { name: "卡号错", birthDate: "1980-01-01", sex: "male" }, card: { ...goodCard, cardNumber: "123456789012" } }), "BAD_REQUEST", "errors.cardNumberInvalid"],
  ["duplicate card number at opening", (c) => c.patient.openCard({ patient: { name: "重复卡", birthDate: "1980-01-01", sex: "male" }, card: { ...goodCard, cardNumber: mine.cardNumber } }), "CONFLICT", "errors.cardNumberTaken"],
  ["duplicate card number on another card", (c) => c.card.open({ patientId: mine.patientId, card: { ...goodCard, cardNumber: mine.cardNumber } }), "CONFLICT", "errors.cardNumberTaken"],
  ["oversized name", (c) => c.patient.openCard({ patient: { ...valid(), name: "张".repeat(51) }, card: goodCard }), "BAD_REQUEST", ""],
  ["oversized notes", (c) => c.patient.openCard({ patient: { ...valid(), notes: "x".repeat(2001) }, card: goodCard }), "BAD_REQUEST", ""],
  ["oversized card status reason", (c) => c.card.changeStatus({ cardId: mine.cardId, action: "freeze", reason: "原".repeat(201) }), "BAD_REQUEST", ""],
  ["oversized tag reason", (c) => c.tag.assign({ patientId: mine.patientId, tagId, reason: "因".repeat(201) }), "BAD_REQUEST", ""],
  ["unknown tag id on a patient", (c) => c.tag.assign({ patientId: mine.patientId, tagId: uuidv7() }), "NOT_FOUND", "errors.notFound"],
  ["unknown tag id in the list filter", (c) => c.patient.list({ tagIds: [uuidv7()] }), "NOT_FOUND", "errors.notFound"],
];

/** Ids the caller may not reach: NOT_FOUND, and the denial is audited against the id tried. */
const outOfReach: [string, (c: TestCaller) => Promise<unknown>, () => string][] = [
  ["another manager's patient (record)", (c) => c.record.get({ patientId: foreignPatient }), () => foreignPatient],
  ["another manager's patient (tag)", (c) => c.tag.assign({ patientId: foreignPatient, tagId }), () => foreignPatient],
  ["another manager's patient (new card)", (c) => c.card.open({ patientId: foreignPatient, card: goodCard }), () => foreignPatient],
  ["another tenant's patient (page)", (c) => c.patient.byId({ patientId: otherTenantPatient }), () => otherTenantPatient],
  ["another tenant's patient (timeline)", (c) => c.patient.timeline({ patientId: otherTenantPatient }), () => otherTenantPatient],
  ["another tenant's patient (family link)", (c) => c.patient.linkFamily({ patientId: mine.patientId, relatedPatientId: otherTenantPatient, relation: "spouse" }), () => otherTenantPatient],
  ["a patient id that does not exist (tasks)", (c) => c.worklist.forPatient({ patientId: "0190f3a0-0000-7000-8000-000000000001" }), () => "0190f3a0-0000-7000-8000-000000000001"],
];

describe("bad input on patients and cards", () => {
  it.each(cases)("%s → refused with a catalogue message in both languages, nothing changed", async (_name, call, code, key) => {
    const before = await snapshot();
    const got = await refusal(call(callerFor(db, hmA, tenant.slug)));
    expect(got.code).toBe(code);
    if (key) {
      expect(got.key).toBe(key);
      const k = key.slice("errors.".length);
      expect([k in zhErrors, k in enErrors]).toEqual([true, true]);
      expect(localiseMessage(key, "zh-CN")).not.toBe(localiseMessage("errors.internal", "zh-CN"));
    }
    expect(await snapshot()).toEqual(before);
  });

  it.each(outOfReach)("%s → NOT_FOUND, denial audited, nothing changed", async (_name, call, id) => {
    const before = await snapshot();
    const denials = () => tdb.selectFrom("audit_events").select(["outcome", "details"]).where("actor_user_id", "=", hmA.id).where("action", "=", "patient.access_denied").where("resource_id", "=", id()).execute();
    const already = (await denials()).length;
    expect((await refusal(call(callerFor(db, hmA, tenant.slug)))).code).toBe("NOT_FOUND");
    const after = await denials();
    expect(after.length).toBe(already + 1);
    expect(after.at(-1)!.outcome).toBe("denied");
    expect(await snapshot()).toEqual(before);
  });
});
