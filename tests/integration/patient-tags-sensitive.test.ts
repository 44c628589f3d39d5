import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { callerFor, outcome } from "../support/caller";
import { createMember } from "../support/factories";
import { createTestTenant, openTestDatabase } from "../support/test-database";

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let admin: SessionUser;
let service: SessionUser;
let hm: SessionUser;
let nurse: SessionUser;
let patientId: string;
let mental: { id: string };
let diabetes: { id: string };

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db, "敏感标签医院");
  admin = await createMember(db, tenant.id, "tenant_admin");
  service = await createMember(db, tenant.id, "customer_service");
  hm = await createMember(db, tenant.id, "health_manager");
  nurse = await createMember(db, tenant.id, "nurse");
  const opened = await callerFor(db, service, tenant.slug).patient.openCard({
    patient: { name: "柳如是", birthDate: "1988-08-08", sex: "female" },
    card: { level: "银卡", validFrom: "2026-01-01", validTo: "2027-12-31" },
    managerUserId: hm.id,
  });
  if (opened.outcome !== "created") throw new Error("expected created");
  patientId = opened.patientId;
});
afterAll(async () => {
  await db.close();
});

describe("tag catalogue and sensitive tags", () => {
  it("the administrator maintains the whole catalogue, sensitive tags included; other roles may not", async () => {
    const adm = callerFor(db, admin, tenant.slug);
    mental = await adm.tag.create({ name: "心理关注", colour: "#6633CC", category: "心理", sensitive: true });
    diabetes = await adm.tag.create({ name: "糖尿病", colour: "#CC3300", category: "慢病" });
    expect((await adm.tag.catalogue()).map((t) => [t.name, t.sensitive])).toEqual([
      ["心理关注", true],
      ["糖尿病", false],
    ]);
    const renamed = await adm.tag.update({ id: mental.id, name: "心理随访", colour: "#6633CC", category: "心理", sensitive: true });
    expect(renamed).toMatchObject({ name: "心理随访", sensitive: true });
    // The catalogue is configuration; the picker on patients (tag.list) follows tag.read_sensitive.
    expect((await adm.tag.list()).map((t) => t.name)).toEqual(["糖尿病"]);
    expect((await callerFor(db, hm, tenant.slug).tag.list()).map((t) => t.name).sort()).toEqual(["心理随访", "糖尿病"]);
    for (const user of [service, hm, nurse]) {
      expect(await outcome(callerFor(db, user, tenant.slug).tag.catalogue())).toBe("FORBIDDEN");
      expect(await outcome(callerFor(db, user, tenant.slug).tag.create({ name: "x", colour: "#000000" }))).toBe("FORBIDDEN");
    }
    expect(await outcome(callerFor(db, service, tenant.slug).tag.update({ id: mental.id, name: "篡改", colour: "#000000" }))).toBe("FORBIDDEN");
  });

  it("roles without tag.read_sensitive never see a sensitive tag: not on the page, in the list, the filter, the history or the timeline", async () => {
    const manager = callerFor(db, hm, tenant.slug);
    await manager.tag.assign({ patientId, tagId: mental.id, reason: "PHQ-9 偏高" });
    await manager.tag.assign({ patientId, tagId: diabetes.id });
    await manager.tag.unassign({ patientId, tagId: mental.id });
    await manager.tag.assign({ patientId, tagId: mental.id });

    // The manager (tag.read_sensitive) sees everything.
    expect((await manager.patient.byId({ patientId })).tags.map((t) => t.name).sort()).toEqual(["心理随访", "糖尿病"]);
    expect((await manager.patient.list({ tagIds: [mental.id] })).items.map((p) => p.id)).toEqual([patientId]);
    const tagEvents = (items: { kind: string; details: Record<string, unknown> }[]) => items.filter((i) => i.kind.startsWith("tag.")).map((i) => `${i.kind}:${i.details.tagId === mental.id ? "mental" : "diabetes"}`);
    expect(tagEvents((await manager.patient.timeline({ patientId })).items)).toEqual(["tag.added:mental", "tag.removed:mental", "tag.added:diabetes", "tag.added:mental"]);

    const tdb = forTenant(db.unsafeRoot, tenant.slug);
    for (const user of [service, admin, nurse]) {
      const c = callerFor(db, user, tenant.slug);
      const header = await c.patient.byId({ patientId });
      expect(header.tags.map((t) => t.name)).toEqual(["糖尿病"]);
      const listed = (await c.patient.list({})).items.find((p) => p.id === patientId)!;
      expect(listed.tags.map((t) => t.name)).toEqual(["糖尿病"]);
      expect((await c.patient.list({ tagIds: [diabetes.id] })).items.map((p) => p.id)).toEqual([patientId]);
      expect(await outcome(c.patient.list({ tagIds: [mental.id] }))).toBe("NOT_FOUND");
      expect(await outcome(c.patient.list({ tagIds: [diabetes.id, mental.id] }))).toBe("NOT_FOUND");
      expect(tagEvents((await c.patient.timeline({ patientId })).items)).toEqual(["tag.added:diabetes"]);
      expect((await c.tag.history({ patientId })).map((h) => h.tag.name)).toEqual(["糖尿病"]);
      expect(JSON.stringify([header, listed])).not.toContain(mental.id);
      expect(await outcome(c.tag.unassign({ patientId, tagId: mental.id }))).not.toBe("OK");
    }
    // Nothing was removed by the refused calls.
    expect((await tdb.selectFrom("patient_tags").select("tag_id").where("patient_id", "=", patientId).execute()).map((r) => r.tag_id).sort()).toEqual([mental.id, diabetes.id].sort());
  });
});
