import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import { createCaller } from "@/server/api/root";
import { verifyAuditChain } from "@/server/audit/verify";
import { insertAccount } from "@/server/auth/accounts";
import { createSession, loadSessionUser } from "@/server/auth/session-store";
import type { SessionUser } from "@/server/auth/types";
import type { TenantRole } from "@/server/shared/permissions";
import { createTestTenant, openTestDatabase, uniqueSlug } from "../support/test-database";

process.env.CAREPATH_MASTER_KEY ??= randomBytes(32).toString("hex");
process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");

const meta = { requestId: "staff-test", ip: "10.9.9.9", userAgent: "vitest" };
let db: DatabaseHandle;
let a: { id: string; slug: string };
let b: { id: string; slug: string };
let adminA: SessionUser;

async function account(tenantIds: string[], role: TenantRole = "nurse"): Promise<SessionUser> {
  const email = `${uniqueSlug("s")}@test.carepath.local`;
  const { id } = await db.control.transaction().execute((trx) => insertAccount(trx, { email, displayName: `员工 ${email.slice(0, 6)}`, password: "Lw-8842-river-stone" }));
  for (const tenantId of tenantIds) await db.control.insertInto("memberships").values({ id: uuidv7(), user_id: id, tenant_id: tenantId, role }).execute();
  const sessionId = await createSession(db, id, meta, "totp");
  return { id, email, name: "x", isPlatformOperator: false, sessionId };
}

function caller(user: SessionUser, tenant: string, locale: "zh-CN" | "en" = "en") {
  return createCaller({ database: db, user, meta: { ...meta, locale }, requestedTenant: tenant });
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (error) {
    return error instanceof TRPCError ? error.code : String(error);
  }
}

const alive = (u: SessionUser) => loadSessionUser(db, { sessionId: u.sessionId, userId: u.id });

beforeAll(async () => {
  db = await openTestDatabase();
  a = await createTestTenant(db, "甲医院");
  b = await createTestTenant(db, "乙医院");
  adminA = await account([a.id], "tenant_admin");
});
afterAll(async () => {
  await db.close();
});

describe("staff management", () => {
  it("lists only this tenant's members, with MFA state and no secrets", async () => {
    const nurseA = await account([a.id]);
    const onlyB = await account([b.id]);
    const list = await caller(adminA, a.slug).staff.list();
    const ids = list.map((s) => s.userId);
    expect(ids).toContain(nurseA.id);
    expect(ids).toContain(adminA.id);
    expect(ids).not.toContain(onlyB.id);
    expect(list.find((s) => s.userId === adminA.id)).toMatchObject({ isSelf: true, role: "tenant_admin", mfaEnrolled: false });
    expect(Object.keys(list[0]!).sort()).toEqual(["displayName", "email", "isSelf", "lastSignInAt", "mfaEnrolled", "role", "status", "userId"]);
  });

  it("treats users of another tenant as NOT_FOUND for every change", async () => {
    const onlyB = await account([b.id]);
    const c = caller(adminA, a.slug);
    expect(await code(c.staff.changeRole({ userId: onlyB.id, role: "doctor" }))).toBe("NOT_FOUND");
    expect(await code(c.staff.remove({ userId: onlyB.id }))).toBe("NOT_FOUND");
    expect(await code(c.staff.setStatus({ userId: onlyB.id, status: "deactivated" }))).toBe("NOT_FOUND");
    expect(await code(c.staff.changeRole({ userId: uuidv7(), role: "doctor" }))).toBe("NOT_FOUND");
    expect(await alive(onlyB)).not.toBeNull();
    const row = await db.control.selectFrom("memberships").select("role").where("user_id", "=", onlyB.id).executeTakeFirstOrThrow();
    expect(row.role).toBe("nurse");
    // The admin of A asking for tenant B itself is not a member there either.
    expect(await code(caller(adminA, b.slug).staff.list())).toBe("NOT_FOUND");
  });

  it("a role change takes effect at once: the member's sessions are revoked and the change is in the tenant chain", async () => {
    const nurse = await account([a.id]);
    expect(await alive(nurse)).not.toBeNull();
    await caller(adminA, a.slug).staff.changeRole({ userId: nurse.id, role: "doctor" });
    expect(await alive(nurse)).toBeNull();
    const events = await forTenant(db.unsafeRoot, a.slug).selectFrom("audit_events").select(["action", "actor_user_id", "details"]).where("resource_id", "=", nurse.id).execute();
    expect(events).toEqual([{ action: "staff.role_change", actor_user_id: adminA.id, details: { from: "nurse", to: "doctor", sessionsRevoked: 1 } }]);
    expect(await verifyAuditChain(forTenant(db.unsafeRoot, a.slug))).toMatchObject({ ok: true });
  });

  it("removing a member revokes their sessions and ends their access to the tenant", async () => {
    const doc = await account([a.id], "doctor");
    await caller(adminA, a.slug).staff.remove({ userId: doc.id });
    expect(await alive(doc)).toBeNull();
    const fresh = { ...doc, sessionId: await createSession(db, doc.id, meta, "totp") };
    expect(await code(caller(fresh, a.slug).tenant.current())).toBe("NOT_FOUND");
  });

  it("deactivating an account that belongs only here revokes its sessions; one shared with another tenant cannot be", async () => {
    const solo = await account([a.id]);
    await caller(adminA, a.slug).staff.setStatus({ userId: solo.id, status: "deactivated" });
    expect(await alive(solo)).toBeNull();
    const shared = await account([a.id, b.id]);
    expect(await code(caller(adminA, a.slug).staff.setStatus({ userId: shared.id, status: "deactivated" }))).toBe("FORBIDDEN");
    expect(await alive(shared)).not.toBeNull();
  });

  it("creates a new account that must enrol MFA, enforcing the password policy; adds an existing account by e-mail", async () => {
    const c = caller(adminA, a.slug);
    const email = `${uniqueSlug("new")}@test.carepath.local`;
    await expect(c.staff.add({ email, role: "nurse", displayName: "新同事", initialPassword: "password123" })).rejects.toThrow(/too common/);
    await expect(c.staff.add({ email, role: "nurse", displayName: "新同事", initialPassword: "short" })).rejects.toThrow(/at least 10/);
    const created = await c.staff.add({ email, role: "nurse", displayName: "新同事", initialPassword: "Tide-4471-harbour" });
    expect(created.created).toBe(true);
    const user = await db.control.selectFrom("users").select(["mfa_secret_sealed", "password_hash"]).where("email", "=", email).executeTakeFirstOrThrow();
    expect(user.mfa_secret_sealed).toBeNull();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    expect(await code(c.staff.add({ email, role: "doctor" }))).toBe("CONFLICT");

    const fromB = await account([b.id]);
    expect(await c.staff.add({ email: fromB.email.toUpperCase(), role: "auditor" })).toEqual({ userId: fromB.id, created: false });
    const roles = await db.control.selectFrom("memberships").select(["tenant_id", "role"]).where("user_id", "=", fromB.id).orderBy("role").execute();
    expect(roles).toEqual(expect.arrayContaining([{ tenant_id: a.id, role: "auditor" }, { tenant_id: b.id, role: "nurse" }]));
  });

  it("refuses changes to one's own membership, in the caller's language", async () => {
    const c = caller(adminA, a.slug, "zh-CN");
    await expect(c.staff.changeRole({ userId: adminA.id, role: "nurse" })).rejects.toThrow("不能更改或移出自己的账号。");
    expect(await code(c.staff.remove({ userId: adminA.id }))).toBe("BAD_REQUEST");
    expect(await code(c.staff.setStatus({ userId: adminA.id, status: "deactivated" }))).toBe("BAD_REQUEST");
  });

  it("members without staff.manage are refused and the denial is audited in the tenant chain", async () => {
    const doctor = await account([a.id], "doctor");
    const c = caller(doctor, a.slug);
    expect((await c.staff.list()).length).toBeGreaterThan(0);
    expect(await code(c.staff.remove({ userId: adminA.id }))).toBe("FORBIDDEN");
    const denial = await forTenant(db.unsafeRoot, a.slug)
      .selectFrom("audit_events")
      .select(["action", "outcome"])
      .where("actor_user_id", "=", doctor.id)
      .execute();
    expect(denial).toEqual([{ action: "permission.denied", outcome: "denied" }]);
    const researcher = await account([a.id], "researcher");
    expect(await code(caller(researcher, a.slug).staff.list())).toBe("FORBIDDEN");
  });
});
