import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import {
  isPlatformPermission,
  isTenantPermission,
  PLATFORM_PERMISSIONS,
  roleCan,
  SELF_PERMISSION,
  TENANT_PERMISSIONS,
  TENANT_ROLES,
  type TenantPermission,
  type TenantRole,
} from "@/server/shared/permissions";
import { callerFor, outcome } from "../support/caller";
import { createMember, createStaffUser } from "../support/factories";
import { invoke, walkRouter } from "../support/router-walk";
import { createTestTenant, openTestDatabase } from "../support/test-database";

const procedures = await walkRouter();
const known = new Set<string>([...TENANT_PERMISSIONS, ...PLATFORM_PERMISSIONS, SELF_PERMISSION]);
const tenantProcedures = procedures.filter((p) => p.meta && isTenantPermission(p.meta.permission));
const platformProcedures = procedures.filter((p) => p.meta && isPlatformPermission(p.meta.permission));

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
const members = {} as Record<TenantRole, SessionUser>;
let operator: SessionUser;

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db, "权限医院");
  for (const role of TENANT_ROLES) members[role] = await createMember(db, tenant.id, role);
  operator = await createStaffUser(db, { platformOperator: true });
});
afterAll(async () => {
  await db.close();
});

async function denialsIn(handle: { selectFrom: DatabaseHandle["control"]["selectFrom"] }, userId: string) {
  return handle
    .selectFrom("audit_events")
    .select(["action", "outcome", "actor_role", "details"])
    .where("actor_user_id", "=", userId)
    .where("action", "=", "permission.denied")
    .orderBy("seq")
    .execute();
}

describe("router walk", () => {
  it("finds the procedures (the walk itself works)", () => {
    expect(procedures.map((p) => p.path)).toEqual(expect.arrayContaining(["tenant.current", "department.create", "platform.tenants.list"]));
  });

  it.each(procedures.map((p) => [p.path, p] as const))("%s declares a known permission in its metadata", (_path, procedure) => {
    expect(procedure.meta?.permission).toBeDefined();
    expect(known.has(procedure.meta!.permission)).toBe(true);
  });

  it("refuses every procedure to an anonymous caller", async () => {
    const anonymous = callerFor(db, null, tenant.slug);
    for (const p of procedures) expect([p.path, await outcome(invoke(anonymous, p.path, {}))]).toEqual([p.path, "UNAUTHORIZED"]);
  });
});

describe("role × procedure matrix", () => {
  it.each([...TENANT_ROLES])("%s gets exactly the tenant procedures its permissions allow, and each denial is audited", async (role) => {
    const user = members[role];
    const tdb = forTenant(db.unsafeRoot, tenant.slug);
    const caller = callerFor(db, user, tenant.slug);
    const expectedDenied: string[] = [];
    for (const p of tenantProcedures) {
      const permission = p.meta!.permission as TenantPermission;
      const before = (await denialsIn(tdb, user.id)).length;
      const result = await outcome(invoke(caller, p.path, {}));
      const after = await denialsIn(tdb, user.id);
      if (roleCan(role, permission)) {
        expect([p.path, result === "FORBIDDEN"]).toEqual([p.path, false]);
        expect([p.path, after.length]).toEqual([p.path, before]);
      } else {
        expectedDenied.push(p.path);
        expect([p.path, result]).toEqual([p.path, "FORBIDDEN"]);
        expect([p.path, after.length]).toEqual([p.path, before + 1]);
        expect(after.at(-1)).toEqual({ action: "permission.denied", outcome: "denied", actor_role: role, details: { permission, procedure: p.path } });
      }
    }
    expect((await denialsIn(tdb, user.id)).map((d) => (d.details as { procedure: string }).procedure)).toEqual(expectedDenied);
  });

  it("a platform operator without membership gets NOT_FOUND from every tenant procedure, never data", async () => {
    const caller = callerFor(db, operator, tenant.slug);
    for (const p of tenantProcedures) expect([p.path, await outcome(invoke(caller, p.path, {}))]).toEqual([p.path, "NOT_FOUND"]);
  });

  it("platform procedures: the operator passes the gate, tenant staff are refused and audited in the control chain", async () => {
    const admin = members.tenant_admin;
    for (const p of platformProcedures) {
      expect([p.path, await outcome(invoke(callerFor(db, operator, null), p.path, {}))]).not.toEqual([p.path, "FORBIDDEN"]);
      const before = (await denialsIn(db.control, admin.id)).length;
      expect([p.path, await outcome(invoke(callerFor(db, admin, tenant.slug), p.path, {}))]).toEqual([p.path, "FORBIDDEN"]);
      const after = await denialsIn(db.control, admin.id);
      expect(after.length).toBe(before + 1);
      expect(after.at(-1)).toMatchObject({ outcome: "denied", details: { permission: p.meta!.permission, procedure: p.path } });
    }
  });

  it("self procedures answer any signed-in account, member or not", async () => {
    const loner = await createStaffUser(db);
    for (const p of procedures.filter((x) => x.meta?.permission === SELF_PERMISSION)) {
      expect([p.path, await outcome(invoke(callerFor(db, loner, null), p.path, {}))]).toEqual([p.path, "OK"]);
    }
  });
});
