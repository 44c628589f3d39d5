import { randomBytes } from "node:crypto";
import { generateSync } from "otplib";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { insertAccount } from "@/server/auth/accounts";
import type { AuthRequestMeta } from "@/server/auth/audit-context";
import { completeEnrolment } from "@/server/auth/mfa-enrolment.service";
import { IDLE_TIMEOUT_MS, ABSOLUTE_LIFETIME_MS } from "@/server/auth/session-rules";
import { createSession, loadSessionUser, revokeSession } from "@/server/auth/session-store";
import { checkPassword, checkSecondFactor } from "@/server/auth/sign-in.service";
import { ACCOUNT_FAILURE_LIMIT, IP_FAILURE_LIMIT } from "@/server/auth/throttle";
import { newTotpSecret } from "@/server/auth/totp";
import { createTestTenant, openTestDatabase, uniqueSlug } from "../support/test-database";

// Keys for this test process only; nothing is written to a data folder.
process.env.CAREPATH_MASTER_KEY ??= randomBytes(32).toString("hex");
process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");

const PASSWORD = "Lw-8842-river-stone";
let db: DatabaseHandle;
let tenant: { id: string; slug: string };

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db);
});
afterAll(async () => {
  await db.close();
});

/** A fresh IP per test: throttle rows persist in a shared Postgres database between runs. */
function meta(): AuthRequestMeta {
  return { requestId: uuidv7(), ip: `10.${randomBytes(3).join(".")}`, userAgent: "vitest" };
}

async function staff(opts: { enrolled?: boolean; tenantId?: string } = {}) {
  const email = `${uniqueSlug("u")}@test.carepath.local`;
  const totpSecret = opts.enrolled === false ? undefined : newTotpSecret();
  const { id, recoveryCodes } = await db.control.transaction().execute((trx) =>
    insertAccount(trx, { email, displayName: "测试员工", password: PASSWORD, ...(totpSecret ? { totpSecret } : {}) }),
  );
  await db.control.insertInto("memberships").values({ id: uuidv7(), user_id: id, tenant_id: opts.tenantId ?? tenant.id, role: "nurse" }).execute();
  return { id, email, totpSecret, recoveryCodes };
}

function auditFor(email: string) {
  return db.control
    .selectFrom("audit_events")
    .select(["action", "outcome", "tenant_id", "ip", "details"])
    .where(({ eb, ref }) => eb(ref("details", "->>").key("email" as never), "=", email))
    .orderBy("seq")
    .execute();
}

describe("password step", () => {
  it("accepts the right password and asks for MFA, or for enrolment when none is set up", async () => {
    const enrolled = await staff();
    const fresh = await staff({ enrolled: false });
    expect(await checkPassword(db, enrolled.email.toUpperCase(), PASSWORD, meta())).toEqual({ ok: true, userId: enrolled.id, next: "mfa" });
    expect(await checkPassword(db, fresh.email, PASSWORD, meta())).toEqual({ ok: true, userId: fresh.id, next: "enrol" });
  });

  it("refuses a wrong password and an unknown account alike, and audits both in the control chain", async () => {
    const u = await staff();
    const m = meta();
    expect(await checkPassword(db, u.email, "not-the-password", m)).toEqual({ ok: false, reason: "invalid" });
    const ghost = `${uniqueSlug("ghost")}@test.carepath.local`;
    expect(await checkPassword(db, ghost, PASSWORD, m)).toEqual({ ok: false, reason: "invalid" });
    expect(await auditFor(u.email)).toEqual([
      { action: "auth.sign_in_failed", outcome: "failure", tenant_id: null, ip: m.ip, details: { email: u.email, reason: "wrong_password" } },
    ]);
    expect((await auditFor(ghost))[0]).toMatchObject({ action: "auth.sign_in_failed", details: { reason: "unknown_account" } });
  });

  it(`blocks an account after ${ACCOUNT_FAILURE_LIMIT} failures, even with the right password, from any IP`, async () => {
    const u = await staff();
    const results = [];
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) results.push(await checkPassword(db, u.email, `wrong-${i}-password`, meta()));
    expect(results.slice(0, -1).every((r) => !r.ok && r.reason === "invalid")).toBe(true);
    expect(results.at(-1)).toMatchObject({ ok: false, reason: "throttled" });
    const blocked = await checkPassword(db, u.email, PASSWORD, meta());
    expect(blocked).toMatchObject({ ok: false, reason: "throttled" });
    if (!blocked.ok && blocked.reason === "throttled") {
      expect(blocked.retryAfterMs).toBeGreaterThan(14 * 60_000);
      expect(blocked.retryAfterMs).toBeLessThanOrEqual(15 * 60_000);
    }
    const actions = (await auditFor(u.email)).map((e) => e.action);
    expect(actions.filter((a) => a === "auth.sign_in_failed")).toHaveLength(ACCOUNT_FAILURE_LIMIT);
    expect(actions.at(-1)).toBe("auth.sign_in_throttled");
  });

  it(`blocks an IP after ${IP_FAILURE_LIMIT} failures across accounts`, async () => {
    const m = meta();
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) await checkPassword(db, `${uniqueSlug("spray")}@test.carepath.local`, "Spray-password-1", m);
    const victim = await staff();
    expect(await checkPassword(db, victim.email, PASSWORD, m)).toMatchObject({ ok: false, reason: "throttled" });
    expect(await checkPassword(db, victim.email, PASSWORD, meta())).toMatchObject({ ok: true });
  });

  it("a success clears the account's failure count", async () => {
    const u = await staff();
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT - 1; i++) await checkPassword(db, u.email, "wrong-password-x", meta());
    const first = await checkPassword(db, u.email, PASSWORD, meta());
    expect(first.ok).toBe(true);
    if (first.ok) expect((await checkSecondFactor(db, u.id, generateSync({ secret: u.totpSecret! }), meta())).ok).toBe(true);
    expect(await checkPassword(db, u.email, "wrong-password-y", meta())).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a deactivated account as if the password were wrong", async () => {
    const u = await staff();
    await db.control.updateTable("users").set({ status: "deactivated" }).where("id", "=", u.id).execute();
    expect(await checkPassword(db, u.email, PASSWORD, meta())).toEqual({ ok: false, reason: "invalid" });
    expect((await auditFor(u.email))[0]).toMatchObject({ details: { reason: "deactivated" } });
  });

  it("blocks sign-in when every tenant of the account is suspended", async () => {
    const t = await createTestTenant(db, "暂停机构");
    const u = await staff({ tenantId: t.id });
    expect((await checkPassword(db, u.email, PASSWORD, meta())).ok).toBe(true);
    await db.control.updateTable("tenants").set({ status: "suspended" }).where("id", "=", t.id).execute();
    expect(await checkPassword(db, u.email, PASSWORD, meta())).toEqual({ ok: false, reason: "noActiveTenant" });
    expect((await auditFor(u.email)).at(-1)).toMatchObject({ action: "auth.sign_in_failed", outcome: "denied", details: { reason: "no_active_tenant" } });
  });
});

describe("second factor", () => {
  it("requires the current TOTP code and refuses a replay of it", async () => {
    const u = await staff();
    expect(await checkSecondFactor(db, u.id, "000000", meta())).toEqual({ ok: false, reason: "invalid" });
    const code = generateSync({ secret: u.totpSecret! });
    expect(await checkSecondFactor(db, u.id, code, meta())).toEqual({ ok: true, method: "totp" });
    expect(await checkSecondFactor(db, u.id, code, meta())).toEqual({ ok: false, reason: "invalid" });
    const actions = (await auditFor(u.email)).map((e) => e.action);
    expect(actions).toEqual(["auth.mfa_failed", "auth.mfa_failed"]);
  });

  it("accepts each recovery code once and audits its use", async () => {
    const u = await staff();
    const code = u.recoveryCodes[3]!;
    expect(await checkSecondFactor(db, u.id, code.toUpperCase(), meta())).toEqual({ ok: true, method: "recovery_code", recoveryCodesLeft: 9 });
    expect(await checkSecondFactor(db, u.id, code, meta())).toEqual({ ok: false, reason: "invalid" });
    const used = await db.control.selectFrom("audit_events").select("action").where("actor_user_id", "=", u.id).where("action", "=", "auth.recovery_code_used").execute();
    expect(used).toHaveLength(1);
  });

  it("counts wrong codes towards the account throttle", async () => {
    const u = await staff();
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) await checkSecondFactor(db, u.id, "111111", meta());
    const right = generateSync({ secret: u.totpSecret! });
    expect(await checkSecondFactor(db, u.id, right, meta())).toMatchObject({ ok: false, reason: "throttled" });
  });
});

describe("enrolment", () => {
  it("stores the secret sealed, creates ten hashed recovery codes once, then MFA is required", async () => {
    const u = await staff({ enrolled: false });
    const secret = newTotpSecret();
    expect(await completeEnrolment(db, u.id, secret, "123456", meta())).toEqual({ ok: false, reason: "invalid" });
    const done = await completeEnrolment(db, u.id, secret, generateSync({ secret }), meta());
    expect(done.ok).toBe(true);
    const row = await db.control.selectFrom("users").select(["mfa_secret_sealed", "mfa_enrolled_at"]).where("id", "=", u.id).executeTakeFirstOrThrow();
    expect(row.mfa_secret_sealed).toMatch(/^mfa-secret-[0-9a-f]{8}\./);
    expect(row.mfa_secret_sealed).not.toContain(secret);
    expect(row.mfa_enrolled_at).toBeInstanceOf(Date);
    const stored = await db.control.selectFrom("recovery_codes").select("code_hash").where("user_id", "=", u.id).execute();
    expect(stored).toHaveLength(10);
    if (done.ok) expect(stored.map((s) => s.code_hash)).not.toContain(done.recoveryCodes[0]);
    expect(await completeEnrolment(db, u.id, newTotpSecret(), "123456", meta())).toMatchObject({ ok: false });
    expect(await checkPassword(db, u.email, PASSWORD, meta())).toMatchObject({ ok: true, next: "mfa" });
  });
});

describe("sessions", () => {
  it("a live session resolves to the user; sign-out revokes it for good (a copied cookie stops working)", async () => {
    const u = await staff();
    const sid = await createSession(db, u.id, meta(), "totp");
    expect(await loadSessionUser(db, { sessionId: sid, userId: u.id })).toMatchObject({ id: u.id, email: u.email, sessionId: sid });
    expect(await loadSessionUser(db, { sessionId: sid, userId: uuidv7() })).toBeNull();
    await revokeSession(db, sid, u.id, meta());
    expect(await loadSessionUser(db, { sessionId: sid, userId: u.id })).toBeNull();
    const actions = await db.control.selectFrom("audit_events").select("action").where("resource_id", "=", sid).orderBy("seq").execute();
    expect(actions.map((a) => a.action)).toEqual(["auth.sign_in", "auth.sign_out"]);
  });

  it("ends after 15 idle minutes and after 12 hours, and marks the row", async () => {
    const u = await staff();
    const idle = await createSession(db, u.id, meta(), "totp");
    const now = Date.now();
    expect(await loadSessionUser(db, { sessionId: idle, userId: u.id }, new Date(now + IDLE_TIMEOUT_MS - 5_000))).not.toBeNull();
    expect(await loadSessionUser(db, { sessionId: idle, userId: u.id }, new Date(now + 2 * IDLE_TIMEOUT_MS))).toBeNull();
    const row = await db.control.selectFrom("sessions").select("revoked_reason").where("id", "=", idle).executeTakeFirstOrThrow();
    expect(row.revoked_reason).toBe("idle");

    const old = await createSession(db, u.id, meta(), "totp");
    await db.control.updateTable("sessions").set({ last_seen_at: new Date(now + ABSOLUTE_LIFETIME_MS) }).where("id", "=", old).execute();
    expect(await loadSessionUser(db, { sessionId: old, userId: u.id }, new Date(now + ABSOLUTE_LIFETIME_MS + 60_000))).toBeNull();
  });

  it("touches last_seen_at at most once a minute", async () => {
    const u = await staff();
    const sid = await createSession(db, u.id, meta(), "totp");
    const seen = () => db.control.selectFrom("sessions").select("last_seen_at").where("id", "=", sid).executeTakeFirstOrThrow();
    const before = (await seen()).last_seen_at.getTime();
    await loadSessionUser(db, { sessionId: sid, userId: u.id }, new Date(before + 20_000));
    expect((await seen()).last_seen_at.getTime()).toBe(before);
    await loadSessionUser(db, { sessionId: sid, userId: u.id }, new Date(before + 70_000));
    expect((await seen()).last_seen_at.getTime()).toBe(before + 70_000);
  });

  it("a deactivated account's session is refused on its next request", async () => {
    const u = await staff();
    const sid = await createSession(db, u.id, meta(), "totp");
    await db.control.updateTable("users").set({ status: "deactivated" }).where("id", "=", u.id).execute();
    expect(await loadSessionUser(db, { sessionId: sid, userId: u.id })).toBeNull();
  });
});
