import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { isTenantPermission } from "@/server/shared/permissions";
import { callerFor, outcome } from "../support/caller";
import { createMember } from "../support/factories";
import { invoke, takesId, walkRouter } from "../support/router-walk";
import { createTestTenant, openTestDatabase } from "../support/test-database";

let db: DatabaseHandle;
let a: { id: string; slug: string };
let b: { id: string; slug: string };
let adminA: SessionUser;
let adminB: SessionUser;
let nurseB: SessionUser;
let departmentB: { id: string };

/** What a cross-tenant call is expected to do with tenant B's ids. */
type Expectation = "NOT_FOUND" | "EMPTY";
const PATIENT_DOMAIN = /^(patient|card|record|tag|panel|worklist|followup|reminder|consent|jobs|risk|advice|plan|summary|report|abnormal|trends|measurement|forms|rules|results|apiKey)\./;
const idCases: Record<string, { input: () => unknown; expect: Expectation }> = {
  "department.byId": { input: () => ({ id: departmentB.id }), expect: "NOT_FOUND" },
  "department.rename": { input: () => ({ id: departmentB.id, name: "篡改" }), expect: "NOT_FOUND" },
  "department.setLead": { input: () => ({ id: departmentB.id, leadUserId: nurseB.id }), expect: "NOT_FOUND" },
  "staff.changeRole": { input: () => ({ userId: nurseB.id, role: "doctor" }), expect: "NOT_FOUND" },
  "staff.remove": { input: () => ({ userId: nurseB.id }), expect: "NOT_FOUND" },
  "staff.setStatus": { input: () => ({ userId: nurseB.id, status: "deactivated" }), expect: "NOT_FOUND" },
  // A lookup by many ids answers only for this tenant's members: B's people come back as nothing.
  "dashboard.auditActorNames": { input: () => ({ ids: [nurseB.id, adminB.id] }), expect: "EMPTY" },
};

/** Everything of tenant B a stray write could touch: its audit chain, its rows, its memberships and accounts. */
async function snapshotB() {
  const tdb = forTenant(db.unsafeRoot, b.slug);
  return {
    head: await tdb.selectFrom("audit_head").selectAll().execute(),
    departments: await tdb.selectFrom("departments").selectAll().orderBy("id").execute(),
    memberships: await db.control.selectFrom("memberships").selectAll().where("tenant_id", "=", b.id).orderBy("id").execute(),
    users: await db.control.selectFrom("users").select(["id", "status", "updated_at"]).where("id", "in", [adminB.id, nurseB.id]).orderBy("id").execute(),
  };
}

beforeAll(async () => {
  db = await openTestDatabase({ poolSize: 2 });
  a = await createTestTenant(db, "甲医院");
  b = await createTestTenant(db, "乙医院");
  adminA = await createMember(db, a.id, "tenant_admin");
  adminB = await createMember(db, b.id, "tenant_admin");
  nurseB = await createMember(db, b.id, "nurse");
  departmentB = await callerFor(db, adminB, b.slug).department.create({ name: "乙-心内科" });
  await callerFor(db, adminA, a.slug).department.create({ name: "甲-心内科" });
});
afterAll(async () => {
  await db.close();
});

describe("ids of another tenant", () => {
  it("the list of id-taking cases covers every procedure whose input has an id", async () => {
    // Patient-domain procedures have their own cases (with patients, cards, tasks) in patient-cross-tenant.test.ts.
    const withIds = (await walkRouter())
      .filter((p) => p.meta && isTenantPermission(p.meta.permission) && takesId(p) && !PATIENT_DOMAIN.test(p.path))
      .map((p) => p.path);
    expect(withIds.sort()).toEqual(Object.keys(idCases).sort());
  });

  it.each(Object.keys(idCases))("%s with tenant B's ids from tenant A finds nothing and writes nothing in B", async (path) => {
    const before = await snapshotB();
    const c = idCases[path]!;
    const call = invoke(callerFor(db, adminA, a.slug), path, c.input());
    if (c.expect === "NOT_FOUND") expect(await outcome(call)).toBe("NOT_FOUND");
    else {
      expect(await call).toEqual([]);
      // The same call does answer for tenant A's own people, so the empty answer above is the isolation.
      expect(await invoke(callerFor(db, adminA, a.slug), path, { ids: [adminA.id] })).toEqual([{ id: adminA.id, name: adminA.name }]);
    }
    expect(await snapshotB()).toEqual(before);
  });

  it("asking for tenant B itself as a non-member is NOT_FOUND (not FORBIDDEN) for every tenant procedure", async () => {
    const before = await snapshotB();
    const caller = callerFor(db, adminA, b.slug);
    for (const p of (await walkRouter()).filter((x) => x.meta && isTenantPermission(x.meta.permission))) {
      const input = idCases[p.path]?.input() ?? { name: "越权科室", email: "x@example.com", role: "nurse" };
      expect([p.path, await outcome(invoke(caller, p.path, input))]).toEqual([p.path, "NOT_FOUND"]);
    }
    expect(await snapshotB()).toEqual(before);
  });

  it("an unknown or malformed tenant slug is NOT_FOUND", async () => {
    for (const slug of ["no-such-tenant", "control", "../t_x", "T_UPPER", "", "a".repeat(300)]) {
      expect([slug, await outcome(callerFor(db, adminA, slug).tenant.current())]).toEqual([slug, "NOT_FOUND"]);
    }
    expect(await outcome(callerFor(db, adminA, null).tenant.current())).toBe("NOT_FOUND");
  });
});

describe("concurrent requests of two tenants", () => {
  it("200 interleaved calls on a small pool each carry only their own tenant's data", async () => {
    const plan = Array.from({ length: 200 }, (_, i) => ({ tenant: i % 2 === 0 ? a : b, user: i % 2 === 0 ? adminA : adminB, i }));
    const results = await Promise.all(
      plan.map(async ({ tenant, user, i }) => {
        const c = callerFor(db, user, tenant.slug);
        if (i % 4 < 2) return { tenant, body: await c.tenant.current() };
        return { tenant, body: await c.department.list() };
      }),
    );
    for (const { tenant, body } of results) {
      const own = tenant === a ? "甲" : "乙";
      const other = tenant === a ? "乙" : "甲";
      const text = JSON.stringify(body);
      expect(text).toContain(own);
      expect(text).not.toContain(other);
      if (!Array.isArray(body)) expect(body.slug).toBe(tenant.slug);
    }
  });

  it("interleaved writes land in their own tenant's schema", async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const [tenant, user, prefix] = i % 2 === 0 ? [a, adminA, "甲"] : [b, adminB, "乙"];
        return callerFor(db, user, tenant.slug).department.create({ name: `${prefix}-并发-${i}` });
      }),
    );
    for (const [tenant, own, other] of [
      [a, "甲", "乙"],
      [b, "乙", "甲"],
    ] as const) {
      const names = (await forTenant(db.unsafeRoot, tenant.slug).selectFrom("departments").select("name").execute()).map((d) => d.name);
      expect(names.filter((n) => n.includes("并发"))).toHaveLength(20);
      expect(names.every((n) => n.startsWith(own) && !n.startsWith(other))).toBe(true);
    }
  });
});
