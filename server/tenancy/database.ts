import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateAll } from "@/db/migrate";
import { env } from "@/server/env";

const holder = globalThis as typeof globalThis & { __carepathDatabase?: Promise<DatabaseHandle> };

async function boot(): Promise<DatabaseHandle> {
  const handle = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, poolSize: env.DATABASE_POOL_SIZE });
  const report = await migrateAll(handle);
  for (const failed of report.tenants.filter((t) => t.error)) {
    console.error(`[carepath] tenant ${failed.slug} failed to migrate: ${failed.error}`);
  }
  if (handle.kind === "pglite" && env.DEMO_SEED === "auto") {
    const { ensureDemoSeed } = await import("@/db/seed/demo");
    await ensureDemoSeed(handle, { dataDir: env.DATA_DIR, announce: true });
  }
  return handle;
}

/** The process-wide database: opened, migrated (and on the embedded default, seeded) once. */
export function getDatabase(): Promise<DatabaseHandle> {
  holder.__carepathDatabase ??= boot().catch((error: unknown) => {
    holder.__carepathDatabase = undefined;
    throw error;
  });
  return holder.__carepathDatabase;
}

/** Tests and scripts inject their own handle instead of the configured one. */
export function useDatabase(handle: DatabaseHandle): void {
  holder.__carepathDatabase = Promise.resolve(handle);
}
