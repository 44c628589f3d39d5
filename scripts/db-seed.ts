/**
 * npm run db:seed — migrates and seeds the demo tenants and accounts on the configured database
 * (DATABASE_URL, or the embedded PGlite in DATA_DIR). Safe to run again: existing data is kept.
 */
import { openDatabase } from "@/db/client";
import { migrateAll } from "@/db/migrate";
import { ensureDemoSeed } from "@/db/seed/demo";

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR || ".data";
  const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir, poolSize: 2 });
  try {
    await migrateAll(handle);
    const created = await ensureDemoSeed(handle, { dataDir, announce: true });
    if (created.length === 0) console.log(`[carepath] Demo data already present on ${handle.kind}; nothing to do.`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
