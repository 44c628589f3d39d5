import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { makeCardNumber } from "@/server/modules/patient/rules/card-number";
import { makeIdNumber } from "@/server/modules/patient/rules/id-number";
import { callerFor, outcome } from "../support/caller";
import { createMember } from "../support/factories";
import { createTestTenant, openTestDatabase } from "../support/test-database";

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let other: { id: string; slug: string };
let admin: SessionUser;
let service: SessionUser;
let hm1: SessionUser;
let hm2: SessionUser;
let doctor: SessionUser;
let departmentId: string;

const card = { level: "金卡", servicePackage: "年度体检", validFrom: "2026-01-01", validTo: "2027-12-31", entitlements: [{ code: "checkup", name: "体检", remaining: 2 }] };
let seq = 100;
function person(name: string, birth = "1985-03-07", male = true) {
  seq += 2;
  return {
    name,
    idNumber: makeIdNumber("330106", birth, male ? seq + 1 : seq),
    phone: `1700000${String(seq).padStart(4, "0")}`,
    email: `p${seq}@example.com`,
    address: "浙江省杭州市西湖区文三路 100 号",
    sourceChannel: "体检中心",
  };
}

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db, "开卡医院");
  other = await createTestTenant(db, "别的医院");
  admin = await createMember(db, tenant.id, "tenant_admin");
  service = await createMember(db, tenant.id, "customer_service");
  hm1 = await createMember(db, tenant.id, "health_manager");
  hm2 = await createMember(db, tenant.id, "health_manager");
  doctor = await createMember(db, tenant.id, "doctor");
  departmentId = (await callerFor(db, admin, tenant.slug).department.create({ name: "健康管理科" })).id;
  await callerFor(db, admin, tenant.slug).panel.setDepartmentStaff({ departmentId, userIds: [hm1.id, hm2.id] });
});
afterAll(async () => {
  await db.close();
});

describe("card opening", () => {
  it("creates patient, card, assignment to the least-loaded manager and two onboarding tasks", async () => {
    const cs = callerFor(db, service, tenant.slug);
    const a = await cs.patient.openCard({ patient: person("张三"), card, departmentId });
    expect(a.outcome).toBe("created");
    if (a.outcome !== "created") return;
    expect(a.taskIds).toHaveLength(2);
    expect(a.cardNumber).toMatch(/^\d{12}$/);
    const first = a.manager!.id;
    const b = await cs.patient.openCard({ patient: person("李四"), card, departmentId });
    if (b.outcome !== "created") throw new Error("expected created");
    expect(b.manager!.id).not.toBe(first); // the other manager had fewer patients
    const owner = first === hm1.id ? hm1 : hm2;
    const tasks = await callerFor(db, owner, tenant.slug).worklist.mine({});
    expect(tasks.filter((t) => t.patient.id === a.patientId).map((t) => t.kind).sort()).toEqual(["complete_health_record", "first_contact"]);
    expect(tasks.find((t) => t.kind === "first_contact")!.patient.nameMasked).toBe("张*");
    const header = await callerFor(db, owner, tenant.slug).patient.byId({ patientId: a.patientId });
    expect(header).toMatchObject({ nameMasked: "张*", sex: "male", birthDate: "1985-03-07", manager: { id: owner.id } });
    expect(header.phoneMasked).toMatch(/^170\*{4}\d{4}$/);
    expect(header.idNumberMasked).toMatch(/^3301\*{10}\d{3}[\dX]$/);
    expect(header.cards[0]).toMatchObject({ level: "金卡", status: "active", cardNumber: a.cardNumber });
    const timeline = await callerFor(db, owner, tenant.slug).patient.timeline({ patientId: a.patientId });
    expect(timeline.items.map((i) => i.kind)).toEqual(expect.arrayContaining(["patient.created", "card.opened", "panel.assigned"]));
  });

  it("offers the existing patient when the ID number or the phone is reused, creating nothing", async () => {
    const cs = callerFor(db, service, tenant.slug);
    const p = person("王五");
    const created = await cs.patient.openCard({ patient: p, card });
    if (created.outcome !== "created") throw new Error("expected created");
    const tdb = forTenant(db.unsafeRoot, tenant.slug);
    const count = async () => (await tdb.selectFrom("patients").select("id").execute()).length;
    const before = await count();
    const byId = await cs.patient.openCard({ patient: { ...person("王五"), idNumber: p.idNumber }, card });
    expect(byId).toEqual({ outcome: "duplicate", candidates: [expect.objectContaining({ id: created.patientId, nameMasked: "王*", matchedOn: ["idNumber"] })] });
    const byPhone = await cs.patient.openCard({ patient: { ...person("王五"), phone: p.phone }, card });
    expect(byPhone.outcome === "duplicate" && byPhone.candidates[0]!.matchedOn).toEqual(["phone"]);
    expect(await count()).toBe(before);
    const again = await cs.card.open({ patientId: created.patientId, card });
    expect(again.cardNumber).toMatch(/^\d{12}$/);
  });

  it("refuses bad input with localised messages and changes nothing", async () => {
    const cs = callerFor(db, service, tenant.slug, "zh-CN");
    const tdb = forTenant(db.unsafeRoot, tenant.slug);
    const before = (await tdb.selectFrom("patients").select("id").execute()).length;
    const good = person("赵六");
    const bad = [
      { patient: { ...good, idNumber: good.idNumber.slice(0, 17) + (good.idNumber[17] === "0" ? "1" : "0") }, card },
      { patient: { ...good, phone: "12345678901" }, card },
      { patient: { ...good, idNumber: undefined, birthDate: "2999-01-01" }, card },
      { patient: { ...good, birthDate: "1990-01-01" }, card },
      { patient: { ...good, sex: "female" as const }, card },
      { patient: good, card: { ...card, validFrom: "2027-01-01", validTo: "2026-01-01" } },
      { patient: good, card: { ...card, cardNumber: "123456789012" } },
      { patient: { ...good, name: "张".repeat(51) }, card },
      { patient: { ...good, notes: "x".repeat(5000) }, card },
    ];
    for (const input of bad) {
      const error = await cs.patient.openCard(input as never).then(
        () => null,
        (e: { code?: string; message: string }) => e,
      );
      expect(error).not.toBeNull();
    }
    const mismatch = await cs.patient.openCard({ patient: { ...good, birthDate: "1990-01-01" }, card }).catch((e: Error) => e);
    expect((mismatch as Error).message).toBe("errors.idNumberBirthDateMismatch");
    expect((await tdb.selectFrom("patients").select("id").execute()).length).toBe(before);
  });

  it("refuses a duplicate card number", async () => {
    const cs = callerFor(db, service, tenant.slug);
    const cardNumber = makeCardNumber();
    const first = await cs.patient.openCard({ patient: person("钱七"), card: { ...card, cardNumber } });
    expect(first.outcome).toBe("created");
    expect(await outcome(cs.patient.openCard({ patient: person("孙八"), card: { ...card, cardNumber } }))).toBe("CONFLICT");
  });

  it("keeps no plaintext identifier in the raw rows", async () => {
    const p = person("欧阳娜娜", "1992-11-30", false);
    const created = await callerFor(db, service, tenant.slug).patient.openCard({ patient: { ...p, notes: "青霉素过敏史" }, card });
    if (created.outcome !== "created") throw new Error("expected created");
    const tdb = forTenant(db.unsafeRoot, tenant.slug);
    const raw = JSON.stringify([
      await tdb.selectFrom("patients").selectAll().where("id", "=", created.patientId).execute(),
      await tdb.selectFrom("member_cards").selectAll().where("patient_id", "=", created.patientId).execute(),
      await tdb.selectFrom("patient_search_tokens").selectAll().where("patient_id", "=", created.patientId).execute(),
      await tdb.selectFrom("patient_events").selectAll().where("patient_id", "=", created.patientId).execute(),
      await tdb.selectFrom("audit_events").selectAll().where("patient_id", "=", created.patientId).execute(),
    ]);
    for (const value of ["欧阳", "娜娜", p.idNumber, p.phone, p.phone.slice(-4) + '"', p.email, "文三路", "青霉素", created.cardNumber, "oyn"]) {
      expect([value, raw.includes(value)]).toEqual([value, false]);
    }
  });

  it("reveal needs patient.unmask, shows one value and is audited with its purpose", async () => {
    const p = person("周九");
    const created = await callerFor(db, service, tenant.slug).patient.openCard({ patient: p, card, managerUserId: hm1.id });
    if (created.outcome !== "created") throw new Error("expected created");
    expect(await outcome(callerFor(db, service, tenant.slug).patient.reveal({ patientId: created.patientId, field: "phone", purpose: "回访" }))).toBe("FORBIDDEN");
    const shown = await callerFor(db, hm1, tenant.slug).patient.reveal({ patientId: created.patientId, field: "phone", purpose: "电话回访" });
    expect(shown).toEqual({ field: "phone", value: p.phone });
    const tdb = forTenant(db.unsafeRoot, tenant.slug);
    const audit = await tdb.selectFrom("audit_events").select(["action", "purpose", "details"]).where("patient_id", "=", created.patientId).where("action", "=", "patient.unmask").execute();
    expect(audit).toEqual([{ action: "patient.unmask", purpose: "电话回访", details: { field: "phone" } }]);
    expect(await outcome(callerFor(db, doctor, other.slug).patient.reveal({ patientId: created.patientId, field: "phone", purpose: "x" }))).toBe("NOT_FOUND");
  });

  it("links family members visibly on both sides", async () => {
    const cs = callerFor(db, service, tenant.slug);
    const a = await cs.patient.openCard({ patient: person("吴一"), card });
    const b = await cs.patient.openCard({ patient: person("吴二", "2015-06-01"), card });
    if (a.outcome !== "created" || b.outcome !== "created") throw new Error("expected created");
    await cs.patient.linkFamily({ patientId: a.patientId, relatedPatientId: b.patientId, relation: "child" });
    expect((await cs.patient.byId({ patientId: a.patientId })).family).toEqual([expect.objectContaining({ patientId: b.patientId, relation: "child" })]);
    expect((await cs.patient.byId({ patientId: b.patientId })).family).toEqual([expect.objectContaining({ patientId: a.patientId, relation: "parent" })]);
    expect(await outcome(cs.patient.linkFamily({ patientId: a.patientId, relatedPatientId: b.patientId, relation: "child" }))).toBe("CONFLICT");
    await cs.patient.unlinkFamily({ patientId: b.patientId, relatedPatientId: a.patientId });
    expect((await cs.patient.byId({ patientId: a.patientId })).family).toEqual([]);
  });

  it("an unknown patient id is NOT_FOUND and the denial is audited", async () => {
    const id = uuidv7();
    expect(await outcome(callerFor(db, service, tenant.slug).patient.byId({ patientId: id }))).toBe("NOT_FOUND");
    const tdb = forTenant(db.unsafeRoot, tenant.slug);
    const denial = await tdb.selectFrom("audit_events").select(["action", "outcome"]).where("resource_id", "=", id).execute();
    expect(denial).toEqual([{ action: "patient.access_denied", outcome: "denied" }]);
  });
});
