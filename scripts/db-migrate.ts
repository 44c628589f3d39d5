/**
 * npm run db:migrate — migrates the control schema, then every tenant schema, each in its own
 * transaction. Re-running is a no-op. A failing tenant is named, stays on its previous version,
 * and the command exits 1 after the others have been migrated.
 */
import { migrateAll } from "@/db/migrate";
import { openConfiguredDatabase, parseFlags, runCli } from "./cli-database";

runCli("npm run db:migrate", async () => {
  parseFlags(process.argv.slice(2), []);
  const handle = await openConfiguredDatabase();
  try {
    const report = await migrateAll(handle);
    console.log(`control: ${report.control.length ? `applied ${report.control.join(", ")}` : "up to date"}`);
    for (const t of report.tenants) {
      if (t.error) console.error(`tenant ${t.slug}: FAILED (left unchanged): ${t.error}`);
      else console.log(`tenant ${t.slug}: ${t.applied.length ? `applied ${t.applied.join(", ")}` : "up to date"}`);
    }
    const failed = report.tenants.filter((t) => t.error);
    console.log(`${report.tenants.length - failed.length} of ${report.tenants.length} tenant(s) at the latest version on ${handle.kind}.`);
    if (failed.length) {
      console.error(`Migration failed for: ${failed.map((t) => t.slug).join(", ")}`);
      return 1;
    }
    return 0;
  } finally {
    await handle.close();
  }
});
