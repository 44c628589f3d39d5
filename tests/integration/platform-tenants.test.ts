import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { callerFor, outcome } from "../support/caller";
import { createMember, createStaffUser } from "../support/factories";
import { createTestTenant, openTestDatabase, uniqueSlug } from "../support/test-database";

let db: DatabaseHandle;
let operator: SessionUser;

beforeAll(async () => {
  db = await openTestDatabase();
  operator = await createStaffUser(db, { platformOperator: true });
});
afterAll(async () => {
  await db.close();
});

describe("platform tenants", () => {
  it("provisions a tenant, appoints its first administrator, and that admin can work in it", async () => {
    const op = callerFor(db, operator, null);
    const slug = uniqueSlug("h");
    await op.platform.tenants.create({ slug, name: "新开医院", timeZone: "Asia/Shanghai" });
    const listed = (await op.platform.tenants.list()).find((t) => t.slug === slug);
    expect(listed).toMatchObject({ status: "active", staff: 0 });

    const email = `${uniqueSlug("a")}@hospital.example`;
    const added = await op.platform.tenants.addAdmin({ slug, email, displayName: "院办主任", initialPassword: "Lake-Harbour-2026!" });
    expect(added.created).toBe(true);
    expect((await op.platform.tenants.list()).find((t) => t.slug === slug)?.staff).toBe(1);

    const membership = await db.control
      .selectFrom("memberships as m")
      .innerJoin("tenants as t", "t.id", "m.tenant_id")
      .select(["m.role", "m.status"])
      .where("t.slug", "=", slug)
      .where("m.user_id", "=", added.userId)
      .executeTakeFirstOrThrow();
    expect(membership).toEqual({ role: "tenant_admin", status: "active" });

    const events = await forTenant(db.unsafeRoot, slug).selectFrom("audit_events").select(["action", "actor_user_id"]).execute();
    expect(events).toEqual([{ action: "staff.create", actor_user_id: operator.id }]);
  });

  it("rejects a weak initial password and changes nothing", async () => {
    const { slug } = await createTestTenant(db);
    const op = callerFor(db, operator, null);
    expect(await outcome(op.platform.tenants.addAdmin({ slug, email: `${uniqueSlug("a")}@x.example`, displayName: "甲", initialPassword: "password123" }))).toBe(
      "BAD_REQUEST",
    );
    expect((await op.platform.tenants.list()).find((t) => t.slug === slug)?.staff).toBe(0);
  });

  it("answers NOT_FOUND for an unknown tenant and FORBIDDEN for staff who are not operators", async () => {
    const op = callerFor(db, operator, null);
    expect(await outcome(op.platform.tenants.addAdmin({ slug: uniqueSlug("zz"), email: "a@b.example", displayName: "甲", initialPassword: "Lake-Harbour-2026!" }))).toBe(
      "NOT_FOUND",
    );
    const { id, slug } = await createTestTenant(db);
    const admin = await createMember(db, id, "tenant_admin");
    const staff = callerFor(db, admin, slug);
    expect(await outcome(staff.platform.tenants.addAdmin({ slug, email: "a@b.example", displayName: "甲", initialPassword: "Lake-Harbour-2026!" }))).toBe("FORBIDDEN");
    expect(await outcome(staff.platform.tenants.setStatus({ slug, status: "suspended" }))).toBe("FORBIDDEN");
  });

  it("suspending a tenant blocks its members' calls on the next request, resuming restores them", async () => {
    const { id, slug } = await createTestTenant(db);
    const member = callerFor(db, await createMember(db, id, "doctor"), slug);
    expect(await outcome(member.tenant.current())).toBe("OK");
    await callerFor(db, operator, null).platform.tenants.setStatus({ slug, status: "suspended" });
    expect(await outcome(member.tenant.current())).toBe("FORBIDDEN");
    expect(await outcome(member.department.list())).toBe("FORBIDDEN");
    await callerFor(db, operator, null).platform.tenants.setStatus({ slug, status: "active" });
    expect(await outcome(member.tenant.current())).toBe("OK");
  });
});
