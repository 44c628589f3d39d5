import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { migrateAll } from "@/db/migrate";
import { tenantMigrations } from "@/db/migrations";
import { tenantSchemaName } from "@/db/tenant";
import { createIsolatedDatabase, provisionForTest, uniqueSlug } from "../support/test-database";

// migrateAll touches every tenant in the database, so this file works on a database of its own.
let iso: Awaited<ReturnType<typeof createIsolatedDatabase>>;
let db: DatabaseHandle;
const latest = Object.keys(tenantMigrations);

beforeAll(async () => {
  iso = await createIsolatedDatabase();
  db = await iso.open();
});
afterAll(async () => {
  await db.close();
  await iso.drop();
});

async function tablesIn(slug: string): Promise<string[]> {
  const { rows } = await sql<{ t: string }>`select table_name as t from information_schema.tables where table_schema = ${tenantSchemaName(slug)} order by 1`.execute(db.unsafeRoot);
  return rows.map((r) => r.t);
}

/** Empties a tenant's schema so all its migrations are pending again. */
async function resetSchema(slug: string): Promise<void> {
  const schema = sql.id(tenantSchemaName(slug));
  await sql`drop schema ${schema} cascade`.execute(db.unsafeRoot);
  await sql`create schema ${schema}`.execute(db.unsafeRoot);
}

describe("migrateAll", () => {
  it("names a failing tenant, leaves it exactly as it was, migrates the others, and re-running is a no-op", async () => {
    const broken = await provisionForTest(db, uniqueSlug("aa"));
    const ok = await provisionForTest(db, uniqueSlug("mm"));
    const pending = await provisionForTest(db, uniqueSlug("zz"));
    const okTables = await tablesIn(ok);

    // `pending`: an empty schema, every migration to run. `broken`: the same, but an object the init
    // migration creates late already exists, so it fails after creating its first tables.
    await resetSchema(pending);
    await resetSchema(broken);
    await sql`create table ${sql.table(`${tenantSchemaName(broken)}.audit_head`)} (squatter int)`.execute(db.unsafeRoot);

    const report = await migrateAll(db);
    const bySlug = Object.fromEntries(report.tenants.map((t) => [t.slug, t]));
    expect(report.tenants.map((t) => t.slug)).toEqual([broken, ok, pending]);
    expect(bySlug[broken]).toMatchObject({ applied: [], error: expect.stringContaining(tenantSchemaName(broken)) });
    expect(bySlug[broken]!.error).toMatch(/audit_head/);
    expect(bySlug[ok]).toEqual({ slug: ok, applied: [] });
    expect(bySlug[pending]).toEqual({ slug: pending, applied: latest });

    // No half-migrated schema: the departments table and the migration log were rolled back too.
    expect(await tablesIn(broken)).toEqual(["audit_head"]);
    expect(await tablesIn(pending)).toEqual(okTables);

    // Once the obstacle is gone the tenant migrates; after that everything is a no-op.
    await sql`drop table ${sql.table(`${tenantSchemaName(broken)}.audit_head`)}`.execute(db.unsafeRoot);
    const repaired = await migrateAll(db);
    expect(repaired.tenants.find((t) => t.slug === broken)).toEqual({ slug: broken, applied: latest });
    expect(await tablesIn(broken)).toEqual(okTables);
    const again = await migrateAll(db);
    expect(again.control).toEqual([]);
    expect(again.tenants.every((t) => t.applied.length === 0 && !t.error)).toBe(true);
  });
});
