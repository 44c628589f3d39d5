import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoPatients } from "@/db/seed/patients";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { isValidIdNumber } from "@/server/modules/patient/rules/id-number";
import { callerFor } from "../support/caller";
import { createMember } from "../support/factories";
import { createTestTenant, openTestDatabase } from "../support/test-database";

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let hm: SessionUser;
let doctor: SessionUser;

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db, "演示医院");
  hm = await createMember(db, tenant.id, "health_manager");
  await createMember(db, tenant.id, "health_manager");
  doctor = await createMember(db, tenant.id, "doctor");
});
afterAll(async () => {
  await db.close();
});

describe("synthetic demo patients", () => {
  it("seeds searchable patients with cards, records and tags, once", async () => {
    expect(await seedDemoPatients(db, tenant.slug, { count: 120 })).toEqual({ created: 120, skipped: false });
    expect(await seedDemoPatients(db, tenant.slug, { count: 120 })).toEqual({ created: 0, skipped: true });
    const tdb = forTenant(db.unsafeRoot, tenant.slug);
    expect((await tdb.selectFrom("member_cards").select("id").execute()).length).toBe(120);
    expect((await tdb.selectFrom("health_records").select("patient_id").execute()).length).toBeGreaterThan(20);
    const d = callerFor(db, doctor, tenant.slug);
    const page = await d.patient.list({ limit: 100 });
    expect(page.items).toHaveLength(100);
    expect(page.nextCursor).not.toBeNull();
    const rest = await d.patient.list({ limit: 100, cursor: page.nextCursor! });
    expect(rest.items).toHaveLength(20);
    const someone = page.items[7]!;
    const id = await d.patient.reveal({ patientId: someone.id, field: "idNumber", purpose: "演示" });
    expect(isValidIdNumber(id.value!)).toBe(true);
    const phone = (await d.patient.reveal({ patientId: someone.id, field: "phone", purpose: "演示" })).value!;
    expect(phone).toMatch(/^1700100\d{4}$/);
    expect((await d.patient.list({ q: phone })).items.map((x) => x.id)).toEqual([someone.id]);
    const name = (await d.patient.reveal({ patientId: someone.id, field: "name", purpose: "演示" })).value!;
    expect((await d.patient.list({ q: name, limit: 100 })).items.map((x) => x.id)).toContain(someone.id);
    expect((await callerFor(db, hm, tenant.slug).patient.list({ limit: 100 })).items.length).toBe(60);
    const record = await d.record.get({ patientId: (await tdb.selectFrom("health_records").select("patient_id").executeTakeFirstOrThrow()).patient_id });
    expect(record.version).toBe(1);
  });
});
