import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { makeIdNumber } from "@/server/modules/patient/rules/id-number";
import { callerFor, outcome } from "../support/caller";
import { createMember } from "../support/factories";
import { createTestTenant, openTestDatabase } from "../support/test-database";

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let admin: SessionUser;
let service: SessionUser;
let hmA: SessionUser;
let hmB: SessionUser;
let nurse: SessionUser;
const ids: Record<string, string> = {};
const people = [
  { name: "张三", birth: "1980-01-15", phone: "17000001234" },
  { name: "张三丰", birth: "1950-05-20", phone: "17000002234" },
  { name: "曾小明", birth: "1995-07-07", phone: "17000003234" },
  { name: "李四", birth: "2001-12-31", phone: "17000004321" },
  { name: "王芳", birth: "1970-03-03", phone: "17000005555" },
];
const card = { level: "银卡", validFrom: "2026-01-01", validTo: "2027-01-01" };

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db, "搜索医院");
  admin = await createMember(db, tenant.id, "tenant_admin");
  service = await createMember(db, tenant.id, "customer_service");
  hmA = await createMember(db, tenant.id, "health_manager");
  hmB = await createMember(db, tenant.id, "health_manager");
  nurse = await createMember(db, tenant.id, "nurse");
  const cs = callerFor(db, service, tenant.slug);
  let i = 0;
  for (const p of people) {
    i++;
    const r = await cs.patient.openCard({
      patient: { name: p.name, idNumber: makeIdNumber("110105", p.birth, 10 + i * 2 + (p.name === "王芳" ? 0 : 1)), phone: p.phone },
      card: { ...card, level: i % 2 ? "银卡" : "金卡" },
      managerUserId: i <= 3 ? hmA.id : hmB.id,
    });
    if (r.outcome !== "created") throw new Error("expected created");
    ids[p.name] = r.patientId;
  }
});
afterAll(async () => {
  await db.close();
});

const names = (items: { id: string }[]) => items.map((x) => Object.entries(ids).find(([, id]) => id === x.id)?.[0]).sort();

describe("search", () => {
  it("finds by full name, surname, given name, pinyin initials, phone, last four digits, ID number and card number", async () => {
    const cs = callerFor(db, service, tenant.slug);
    const q = async (term: string) => names((await cs.patient.list({ q: term })).items);
    expect(await q("张三")).toEqual(["张三", "张三丰"]);
    expect(await q("张")).toEqual(["张三", "张三丰"]);
    expect(await q("三丰")).toEqual(["张三丰"]);
    expect(await q("zs")).toEqual(["张三", "张三丰"]);
    expect(await q("ZSF")).toEqual(["张三丰"]);
    expect(await q("zxm")).toEqual(["曾小明"]);
    expect(await q("17000004321")).toEqual(["李四"]);
    expect(await q("170 0000 4321")).toEqual(["李四"]);
    expect(await q("1234")).toEqual(["张三"]);
    expect(await q(makeIdNumber("110105", "1970-03-03", 10 + 5 * 2))).toEqual(["王芳"]);
    const header = await cs.patient.byId({ patientId: ids["李四"]! });
    expect(await q(header.cards[0]!.cardNumber)).toEqual(["李四"]);
    expect(await q("不存在")).toEqual([]);
    expect(await q("x")).toEqual([]);
  });

  it("filters, sorts and pages with a keyset cursor", async () => {
    const cs = callerFor(db, service, tenant.slug);
    expect(names((await cs.patient.list({ managerUserId: hmB.id })).items)).toEqual(["李四", "王芳"]);
    expect(names((await cs.patient.list({ level: "金卡" })).items)).toEqual(["张三丰", "李四"]);
    expect(names((await cs.patient.list({ ageMin: 70 })).items)).toEqual(["张三丰"]);
    expect(names((await cs.patient.list({ ageMin: 20, ageMax: 35 })).items)).toEqual(["曾小明", "李四"]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await cs.patient.list({ sort: "birthDateAsc", limit: 2, cursor });
      seen.push(...page.items.map((x) => x.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["张三丰", "王芳", "张三", "曾小明", "李四"].map((n) => ids[n]));
    expect(await outcome(cs.patient.list({ cursor: "not-a-cursor" }))).toBe("BAD_REQUEST");
    expect(await outcome(cs.patient.list({ tagIds: [uuidv7()] }))).toBe("NOT_FOUND");
  });
});

describe("panel scope", () => {
  it("a manager lists and searches only their own panel", async () => {
    expect(names((await callerFor(db, hmA, tenant.slug).patient.list({})).items)).toEqual(["张三", "张三丰", "曾小明"]);
    expect(names((await callerFor(db, hmB, tenant.slug).patient.list({ q: "zs" })).items)).toEqual([]);
    expect(names((await callerFor(db, nurse, tenant.slug).patient.list({})).items)).toHaveLength(5);
  });

  it("another manager's patient and 200 random ids are all NOT_FOUND, each denial audited, nothing changed", async () => {
    const b = callerFor(db, hmB, tenant.slug);
    const tdb = forTenant(db.unsafeRoot, tenant.slug);
    const denials = async () => (await tdb.selectFrom("audit_events").select("id").where("actor_user_id", "=", hmB.id).where("action", "=", "patient.access_denied").execute()).length;
    const before = await denials();
    const foreign = ids["张三"]!;
    expect(await outcome(b.patient.byId({ patientId: foreign }))).toBe("NOT_FOUND");
    expect(await outcome(b.record.get({ patientId: foreign }))).toBe("NOT_FOUND");
    expect(await outcome(b.record.update({ patientId: foreign, expectedVersion: 0, data: { occupation: "教师" } as never }))).toBe("NOT_FOUND");
    expect(await outcome(b.patient.reveal({ patientId: foreign, field: "phone", purpose: "x" }))).toBe("NOT_FOUND");
    expect(await outcome(b.patient.timeline({ patientId: foreign }))).toBe("NOT_FOUND");
    for (let i = 0; i < 200; i++) expect(await outcome(b.patient.byId({ patientId: uuidv7() }))).toBe("NOT_FOUND");
    expect((await denials()) - before).toBe(205);
    expect(await tdb.selectFrom("health_records").select("patient_id").execute()).toEqual([]);
  });

  it("reassignment (single and whole panel) moves patients and their open tasks, with reason", async () => {
    const adm = callerFor(db, admin, tenant.slug);
    expect(await outcome(callerFor(db, hmA, tenant.slug).panel.reassign({ patientIds: [ids["张三"]!], toUserId: hmB.id, reason: "x" }))).toBe("FORBIDDEN");
    expect(await adm.panel.reassign({ patientIds: [ids["张三"]!], toUserId: hmB.id, reason: "患者要求" })).toEqual({ moved: 1 });
    expect((await callerFor(db, hmB, tenant.slug).worklist.mine({})).filter((t) => t.patient.id === ids["张三"])).toHaveLength(2);
    expect(await adm.panel.reassignAll({ fromUserId: hmA.id, toUserId: hmB.id, reason: "离职交接" })).toEqual({ moved: 2 });
    expect((await callerFor(db, hmA, tenant.slug).patient.list({})).items).toEqual([]);
    expect((await adm.panel.managers({})).find((m) => m.id === hmB.id)!.activePatients).toBe(5);
  });
});

describe("health record", () => {
  it("versions every change with who, when and what changed", async () => {
    const doctor = await createMember(db, tenant.id, "doctor");
    const d = callerFor(db, doctor, tenant.slug);
    const pid = ids["王芳"]!;
    expect((await d.record.get({ patientId: pid })).version).toBe(0);
    const v1 = await d.record.update({
      patientId: pid,
      expectedVersion: 0,
      data: { allergies: [{ substance: "青霉素", severity: "severe" }], lifestyle: { smoking: "never" }, fertility: { pregnancies: 2, births: 1 } } as never,
    });
    expect(v1).toEqual({ version: 1, changedFields: ["allergies", "fertility", "lifestyle"] });
    const current = await d.record.get({ patientId: pid });
    const v2 = await d.record.update({ patientId: pid, expectedVersion: 1, data: { ...current.data, familyHistory: [{ relation: "father", condition: "高血压" }] } });
    expect(v2.changedFields).toEqual(["familyHistory"]);
    expect(await outcome(d.record.update({ patientId: pid, expectedVersion: 1, data: current.data }))).toBe("CONFLICT");
    const history = await d.record.history({ patientId: pid });
    expect(history.map((h) => [h.version, h.changedFields, h.changedBy?.id])).toEqual([
      [2, ["familyHistory"], doctor.id],
      [1, ["allergies", "fertility", "lifestyle"], doctor.id],
    ]);
    expect(history[1]!.data.allergies[0]!.substance).toBe("青霉素");
    expect(await outcome(d.record.update({ patientId: ids["李四"]!, expectedVersion: 0, data: { fertility: { births: 1 } } as never }))).toBe("BAD_REQUEST");
    const raw = JSON.stringify(await forTenant(db.unsafeRoot, tenant.slug).selectFrom("health_record_versions").selectAll().execute());
    expect(raw).not.toContain("青霉素");
    const audit = await forTenant(db.unsafeRoot, tenant.slug).selectFrom("audit_events").select("action").where("patient_id", "=", pid).where("action", "=", "record.update").execute();
    expect(audit).toHaveLength(2);
  });
});

describe("tags", () => {
  it("catalogue, manual add/remove with history, list filter, sensitive tags hidden from roles without permission", async () => {
    const adm = callerFor(db, admin, tenant.slug);
    const diabetes = await adm.tag.create({ name: "糖尿病", colour: "#cc3300", category: "慢病" });
    const mental = await adm.tag.create({ name: "心理关注", colour: "#6633cc", category: "心理", sensitive: true });
    expect(await outcome(adm.tag.create({ name: "糖尿病", colour: "#cc3300" }))).toBe("CONFLICT");
    const hm = callerFor(db, hmB, tenant.slug);
    const pid = ids["李四"]!;
    await hm.tag.assign({ patientId: pid, tagId: diabetes.id, reason: "空腹血糖 7.8" });
    await hm.tag.assign({ patientId: pid, tagId: mental.id });
    expect((await hm.patient.byId({ patientId: pid })).tags.map((t) => t.name).sort()).toEqual(["心理关注", "糖尿病"]);
    const cs = callerFor(db, service, tenant.slug);
    expect((await cs.patient.byId({ patientId: pid })).tags.map((t) => t.name)).toEqual(["糖尿病"]);
    expect((await cs.tag.list()).map((t) => t.name)).toEqual(["糖尿病"]);
    expect(await outcome(cs.tag.assign({ patientId: pid, tagId: mental.id }))).toBe("NOT_FOUND");
    expect(names((await cs.patient.list({ tagIds: [diabetes.id] })).items)).toEqual(["李四"]);
    await hm.tag.unassign({ patientId: pid, tagId: diabetes.id, reason: "复查正常" });
    const history = await hm.tag.history({ patientId: pid });
    expect(history.map((h) => [h.action, h.tag.name])).toEqual([
      ["remove", "糖尿病"],
      ["add", "心理关注"],
      ["add", "糖尿病"],
    ]);
    expect((await cs.tag.history({ patientId: pid })).map((h) => h.tag.name)).toEqual(["糖尿病", "糖尿病"]);
    expect(await outcome(hm.tag.assign({ patientId: pid, tagId: uuidv7() }))).toBe("NOT_FOUND");
  });
});
