import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import enErrors from "@/messages/en/errors.json";
import zhErrors from "@/messages/zh-CN/errors.json";
import { callerFor, outcome } from "../support/caller";
import { createMember, createStaffUser } from "../support/factories";
import { createTestTenant, openTestDatabase } from "../support/test-database";

let db: DatabaseHandle;
let a: { id: string; slug: string };
let b: { id: string; slug: string };
let admin: SessionUser;
let doctor: SessionUser;
let outsider: SessionUser;

beforeAll(async () => {
  db = await openTestDatabase();
  a = await createTestTenant(db, "负责人医院");
  b = await createTestTenant(db, "别家医院");
  admin = await createMember(db, a.id, "tenant_admin");
  doctor = await createStaffUser(db, { memberships: [{ tenantId: a.id, role: "doctor" }], displayName: "王主任" });
  outsider = await createMember(db, b.id, "doctor");
});
afterAll(async () => {
  await db.close();
});

describe("department.setLead", () => {
  it("sets the lead, lists it with the name, clears it again; each change is audited with before and after", async () => {
    const ca = callerFor(db, admin, a.slug);
    const dept = await ca.department.create({ name: "内分泌科" });
    expect(dept.lead).toBeNull();
    const set = await ca.department.setLead({ id: dept.id, leadUserId: doctor.id });
    expect(set.lead).toEqual({ userId: doctor.id, displayName: "王主任" });
    expect((await ca.department.list()).find((d) => d.id === dept.id)?.lead).toEqual({ userId: doctor.id, displayName: "王主任" });
    const stored = await forTenant(db.unsafeRoot, a.slug).selectFrom("departments").select("lead_user_id").where("id", "=", dept.id).executeTakeFirstOrThrow();
    expect(stored.lead_user_id).toBe(doctor.id);

    const cleared = await ca.department.setLead({ id: dept.id, leadUserId: null });
    expect(cleared.lead).toBeNull();
    const audit = await forTenant(db.unsafeRoot, a.slug).selectFrom("audit_events").select(["details", "actor_user_id"]).where("action", "=", "department.set_lead").where("resource_id", "=", dept.id).orderBy("seq").execute();
    expect(audit.map((e) => e.details)).toEqual([{ from: null, to: doctor.id }, { from: doctor.id, to: null }]);
    expect(audit.every((e) => e.actor_user_id === admin.id)).toBe(true);
  });

  it("refuses someone who is not active staff here (another tenant's member, a removed member) (a message key both catalogues translate), changing nothing", async () => {
    const ca = callerFor(db, admin, a.slug, "zh-CN");
    const dept = await ca.department.create({ name: "心内科" });
    await expect(ca.department.setLead({ id: dept.id, leadUserId: outsider.id })).rejects.toThrow("errors.departmentLeadNotStaff");
    expect(zhErrors.departmentLeadNotStaff).toBe("负责人须是本机构在职的员工。");
    expect(enErrors.departmentLeadNotStaff).toMatch(/active staff member/);
    const removed = await createMember(db, a.id, "doctor");
    await db.control.updateTable("memberships").set({ status: "removed" }).where("user_id", "=", removed.id).execute();
    expect(await outcome(ca.department.setLead({ id: dept.id, leadUserId: removed.id }))).toBe("BAD_REQUEST");
    const stored = await forTenant(db.unsafeRoot, a.slug).selectFrom("departments").select("lead_user_id").where("id", "=", dept.id).executeTakeFirstOrThrow();
    expect(stored.lead_user_id).toBeNull();
  });

  it("is for department managers only, and another tenant's department is not found", async () => {
    const dept = await callerFor(db, admin, a.slug).department.create({ name: "体检科" });
    expect(await outcome(callerFor(db, doctor, a.slug).department.setLead({ id: dept.id, leadUserId: doctor.id }))).toBe("FORBIDDEN");
    const adminB = await createMember(db, b.id, "tenant_admin");
    expect(await outcome(callerFor(db, adminB, b.slug).department.setLead({ id: dept.id, leadUserId: null }))).toBe("NOT_FOUND");
  });
});
