import { Migrator, sql, type Kysely, type Migration, type MigrationResult } from "kysely";
import { controlMigrations, tenantMigrations } from "./migrations";
import type { DatabaseHandle } from "./client";
import { tenantSchemaName } from "./tenant";

export class MigrationError extends Error {
  constructor(
    readonly scope: string,
    readonly results: MigrationResult[] | undefined,
    cause: unknown,
  ) {
    super(`Migration of ${scope} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

function provider(migrations: Record<string, Migration>) {
  return { getMigrations: async () => migrations };
}

function tenantProvider(schema: string) {
  const bound: Record<string, Migration> = {};
  for (const [name, m] of Object.entries(tenantMigrations)) bound[name] = { up: (db) => m.up(db, schema) };
  return provider(bound);
}

/**
 * Runs the Kysely Migrator for one schema on a connection that already has a transaction open,
 * so callers decide what else belongs in the same transaction (e.g. CREATE SCHEMA on provisioning).
 */
async function migrateSchemaInOpenTransaction(
  conn: Kysely<any>,
  schema: string,
  migrations: ReturnType<typeof provider>,
): Promise<MigrationResult[]> {
  // After a failed statement the transaction is aborted, so the Migrator's own lock release fails
  // too and that second error is what it returns. Keep the first one: it says what went wrong.
  let failure: { name: string; error: unknown } | undefined;
  const watched = {
    getMigrations: async () => {
      const wrapped: Record<string, Migration> = {};
      for (const [name, m] of Object.entries(await migrations.getMigrations())) {
        wrapped[name] = {
          ...m,
          up: async (db) => {
            try {
              await m.up(db);
            } catch (error) {
              failure ??= { name, error };
              throw error;
            }
          },
        };
      }
      return wrapped;
    },
  };
  const migrator = new Migrator({
    db: conn.withSchema(schema),
    provider: watched,
    migrationTableSchema: schema,
    disableTransactions: true,
    // Domains are built on parallel branches, so a migration can land after one with a later
    // name; each migration touches only its own tables, so running them out of name order is safe.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new MigrationError(failure ? `${schema} (${failure.name})` : schema, results, failure?.error ?? error);
  return results ?? [];
}

/** BEGIN … COMMIT on one pooled connection; ROLLBACK on any error. */
export async function inSchemaTransaction<T>(root: Kysely<any>, work: (conn: Kysely<any>) => Promise<T>): Promise<T> {
  return root.connection().execute(async (conn) => {
    await sql`begin`.execute(conn);
    try {
      const result = await work(conn);
      await sql`commit`.execute(conn);
      return result;
    } catch (error) {
      await sql`rollback`.execute(conn);
      throw error;
    }
  });
}

export async function migrateControl(handle: DatabaseHandle): Promise<MigrationResult[]> {
  return inSchemaTransaction(handle.unsafeRoot, async (conn) => {
    await sql`create schema if not exists control`.execute(conn);
    return migrateSchemaInOpenTransaction(conn, "control", provider(controlMigrations));
  });
}

/** Migrates one existing tenant schema to the latest version, all or nothing. */
export async function migrateTenant(handle: DatabaseHandle, slug: string): Promise<MigrationResult[]> {
  const schema = tenantSchemaName(slug);
  return inSchemaTransaction(handle.unsafeRoot, (conn) => migrateSchemaInOpenTransaction(conn, schema, tenantProvider(schema)));
}

/** Creates the tenant schema and runs every tenant migration inside the caller's open transaction. */
export async function createTenantSchema(conn: Kysely<any>, slug: string): Promise<void> {
  const schema = tenantSchemaName(slug);
  await sql`create schema ${sql.id(schema)}`.execute(conn);
  await migrateSchemaInOpenTransaction(conn, schema, tenantProvider(schema));
}

export interface MigrateAllReport {
  control: string[];
  tenants: { slug: string; applied: string[]; error?: string }[];
}

/** Control first, then every tenant; one failing tenant is reported by name and the others still run. */
export async function migrateAll(handle: DatabaseHandle): Promise<MigrateAllReport> {
  const control = (await migrateControl(handle)).map((r) => r.migrationName);
  const slugs = await handle.control.selectFrom("tenants").select("slug").orderBy("slug").execute();
  const tenants: MigrateAllReport["tenants"] = [];
  for (const { slug } of slugs) {
    try {
      tenants.push({ slug, applied: (await migrateTenant(handle, slug)).map((r) => r.migrationName) });
    } catch (error) {
      tenants.push({ slug, applied: [], error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { control, tenants };
}
