import { randomBytes } from "node:crypto";
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
