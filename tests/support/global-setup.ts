import { openDatabase } from "@/db/client";
import { migrateControl } from "@/db/migrate";

/** On real Postgres, migrate the control schema once before the parallel test files start. */
export default async function setup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;
  const handle = await openDatabase({ url, poolSize: 2 });
  try {
    await migrateControl(handle);
  } finally {
    await handle.close();
  }
}
