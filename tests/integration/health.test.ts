import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { useDatabase } from "@/server/tenancy/database";
import { GET } from "@/app/api/health/route";
import { createTestTenant, openTestDatabase } from "../support/test-database";

let db: DatabaseHandle;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

async function tenantCount(): Promise<number> {
  return (await db.control.selectFrom("tenants").select("id").execute()).length;
}

describe("GET /api/health", () => {
  it("reports the database kind and the number of tenants", async () => {
    useDatabase(db);
    await createTestTenant(db);
    const before = await tenantCount();
    const res = await GET();
    const after = await tenantCount();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { ok: boolean; db: string; tenants: number };
    expect(Object.keys(body).sort()).toEqual(["db", "ok", "tenants"]);
    expect(body.ok).toBe(true);
    expect(body.db).toBe(process.env.DATABASE_URL ? "postgres" : "pglite");
    // Other test files may add tenants to a shared Postgres database meanwhile.
    expect(body.tenants).toBeGreaterThanOrEqual(before);
    expect(body.tenants).toBeLessThanOrEqual(after);
    expect(body.tenants).toBeGreaterThanOrEqual(1);
  });

  it("answers 503 without details when the database is unreachable", async () => {
    const broken = await openTestDatabase();
    await broken.close();
    useDatabase(broken);
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await GET();
    quiet.mockRestore();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false });
    useDatabase(db);
  });
});
