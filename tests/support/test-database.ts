import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateControl } from "@/db/migrate";
import type { AuditActor } from "@/server/audit/record";
import { provisionTenant } from "@/server/tenancy/provision";

/** Real Postgres when DATABASE_URL is set (CI), otherwise a fresh in-memory PGlite per test file. */
export async function openTestDatabase(options: { poolSize?: number } = {}): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  const handle = url ? await openDatabase({ url, poolSize: options.poolSize ?? 4 }) : await openDatabase({ dataDir: "memory://" });
  await migrateControl(handle);
  return handle;
}

export const systemActor: AuditActor = {
  userId: null,
  role: "system",
  tenantId: null,
  requestId: "test",
  ip: null,
  userAgent: "vitest",
};

/** A unique slug so test files sharing one Postgres database never collide. */
export function uniqueSlug(prefix = "t"): string {
  return `${prefix}${randomBytes(5).toString("hex")}`;
}

export async function createTestTenant(handle: DatabaseHandle, name = "测试医院"): Promise<{ id: string; slug: string }> {
  return provisionTenant(handle, { slug: uniqueSlug(), name }, systemActor);
}

/**
 * A database no other test file can see, for tests that act on every tenant (migrateAll, the CLIs).
 * Postgres: a fresh database beside DATABASE_URL's, dropped on `drop()`. PGlite: a fresh in-memory one.
 */
export async function createIsolatedDatabase(): Promise<{ url: string | null; open(): Promise<DatabaseHandle>; drop(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    return { url: null, open: () => openTestDatabase(), drop: async () => {} };
  }
  const name = `carepath_iso_${randomBytes(5).toString("hex")}`;
  const admin = await openDatabase({ url: base, poolSize: 1 });
  try {
    await sql`create database ${sql.id(name)}`.execute(admin.unsafeRoot);
  } finally {
    await admin.close();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async open() {
      const handle = await openDatabase({ url: url.toString(), poolSize: 2 });
      await migrateControl(handle);
      return handle;
    },
    async drop() {
      const root = await openDatabase({ url: base, poolSize: 1 });
      try {
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(root.unsafeRoot);
      } finally {
        await root.close();
      }
    },
  };
}

/** Provisions a tenant with the given slug as the system actor and returns the slug. */
export async function provisionForTest(handle: DatabaseHandle, slug: string, name = "测试医院"): Promise<string> {
  return (await provisionTenant(handle, { slug, name }, systemActor)).slug;
}
