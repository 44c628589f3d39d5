import { randomBytes } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { insertAccount } from "@/server/auth/accounts";
import { createSession, loadSessionWithTenant, revokeSession } from "@/server/auth/session-store";
import { useDatabase } from "@/server/tenancy/database";
import { resolveTenantAccess, type TenantAccessResult } from "@/server/tenancy/resolve";
import { createTestTenant, openTestDatabase, uniqueSlug } from "../support/test-database";

// What the session cookie names: which session row and which account.
const claims = vi.hoisted(() => ({ value: null as { sid: string; uid: string } | null }));
vi.mock("@/server/auth/session-cookie", () => ({ readSessionClaims: async () => claims.value }));
const { GET } = await import("@/app/api/trpc/[trpc]/route");

process.env.CAREPATH_MASTER_KEY ??= randomBytes(32).toString("hex");
process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");

let db: DatabaseHandle;
let home: { id: string; slug: string };
let other: { id: string; slug: string };
// Statements sent through the pool (every pooled client, PGlite's single one included).
let statements = 0;
const wrapped = new WeakSet<object>();

beforeAll(async () => {
  db = await openTestDatabase();
  home = await createTestTenant(db);
  other = await createTestTenant(db);
  useDatabase(db);
  db.pool.on("acquire", (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements++;
      return query(...args);
    };
  });
});
afterAll(async () => {
  await db.close();
});

const meta = () => ({ requestId: uuidv7(), ip: "10.0.0.1", userAgent: "vitest" });

async function signedIn(role = "nurse") {
  const email = `${uniqueSlug("u")}@test.carepath.local`;
  const { id } = await db.control.transaction().execute((trx) => insertAccount(trx, { email, displayName: "测试员工", password: "Lw-8842-river-stone" }));
  const membership = uuidv7();
  await db.control.insertInto("memberships").values({ id: membership, user_id: id, tenant_id: home.id, role }).execute();
  const sessionId = await createSession(db, id, meta(), "totp");
  return { id, membership, token: { sessionId, userId: id } };
}

/** The gate's verdict without the handle (not comparable with toEqual). */
function verdict(result: TenantAccessResult | null) {
  if (!result) return null;
  return result.ok ? { ok: true, tenant: result.access.tenant, role: result.access.role } : result;
}

describe("session and tenant gate in one statement", () => {
  it("a member gets the same verdict as resolveTenantAccess, from ONE statement", async () => {
    const u = await signedIn("doctor");
    statements = 0;
    const { user, tenant } = await loadSessionWithTenant(db, u.token, home.slug);
    expect(statements).toBe(1);
    expect(user).toMatchObject({ id: u.id, sessionId: u.token.sessionId });
    expect(verdict(tenant)).toMatchObject({ ok: true, role: "doctor", tenant: { id: home.id, slug: home.slug, status: "active" } });
    expect(verdict(tenant)).toEqual(verdict(await resolveTenantAccess(db, home.slug, u.id)));
    if (tenant?.ok) expect(await tenant.access.db.selectFrom("departments").select("id").execute()).toBeInstanceOf(Array);
  });

  it("another tenant, an unknown slug and an ended membership all read as not_found; a malformed slug asks nothing", async () => {
    const u = await signedIn();
    for (const slug of [other.slug, uniqueSlug()]) {
      const { user, tenant } = await loadSessionWithTenant(db, u.token, slug);
      expect(user?.id).toBe(u.id);
      expect(tenant).toEqual({ ok: false, reason: "not_found" });
      expect(verdict(tenant)).toEqual(verdict(await resolveTenantAccess(db, slug, u.id)));
    }
    expect(await loadSessionWithTenant(db, u.token, "Robert'); drop table x;--")).toMatchObject({ user: { id: u.id }, tenant: null });
    expect(await loadSessionWithTenant(db, u.token, null)).toMatchObject({ user: { id: u.id }, tenant: null });
    await db.control.updateTable("memberships").set({ status: "removed" }).where("id", "=", u.membership).execute();
    expect((await loadSessionWithTenant(db, u.token, home.slug)).tenant).toEqual({ ok: false, reason: "not_found" });
  });

  it("a suspended tenant is suspended; a revoked session or a deactivated account gives neither user nor tenant", async () => {
    const suspended = await createTestTenant(db);
    const u = await signedIn();
    await db.control.insertInto("memberships").values({ id: uuidv7(), user_id: u.id, tenant_id: suspended.id, role: "nurse" }).execute();
    await db.control.updateTable("tenants").set({ status: "suspended" }).where("id", "=", suspended.id).execute();
    expect((await loadSessionWithTenant(db, u.token, suspended.slug)).tenant).toEqual({ ok: false, reason: "suspended" });

    await revokeSession(db, u.token.sessionId, u.id, meta());
    expect(await loadSessionWithTenant(db, u.token, home.slug)).toEqual({ user: null, tenant: null });

    const v = await signedIn();
    expect(await loadSessionWithTenant(db, { ...v.token, userId: u.id }, home.slug)).toEqual({ user: null, tenant: null });
    await db.control.updateTable("users").set({ status: "deactivated" }).where("id", "=", v.id).execute();
    expect(await loadSessionWithTenant(db, v.token, home.slug)).toEqual({ user: null, tenant: null });
  });
});

describe("a tRPC request over HTTP", () => {
  async function current(slug: string) {
    const res = await GET(new Request("http://localhost/api/trpc/tenant.current", { headers: { "x-carepath-tenant": slug } }));
    return { status: res.status, body: (await res.json()) as { result?: { data: { json: { slug: string; role: string } } } } };
  }

  it("resolves session, account, tenant and membership in one statement, and still refuses other tenants", async () => {
    const u = await signedIn("health_manager");
    claims.value = { sid: u.token.sessionId, uid: u.id };
    statements = 0;
    const ok = await current(home.slug);
    expect(ok.status).toBe(200);
    expect(ok.body.result?.data.json).toMatchObject({ slug: home.slug, role: "health_manager" });
    expect(statements).toBe(1);
    expect((await current(other.slug)).status).toBe(404);
    expect((await current(uniqueSlug())).status).toBe(404);
    claims.value = null;
    expect((await current(home.slug)).status).toBe(401);
  });
});
