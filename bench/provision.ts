/**
 * Second benchmark: provision N tenants (row + schema + every tenant migration, one transaction
 * each) through provisionTenant(), printing one JSON line with the per-tenant timings.
 * Baseline in the same run: an empty `create schema` + `drop schema` round trip on the same pool.
 */
import { sql } from "kysely";
import { openDatabase } from "@/db/client";
import { migrateControl } from "@/db/migrate";
import { provisionTenant } from "@/server/tenancy/provision";
import { cliActor } from "../scripts/cli-database";

async function main() {
  const count = Number(process.env.BENCH_TENANTS ?? 100);
  const handle = await openDatabase({ url: process.env.DATABASE_URL, poolSize: 2 });
  try {
    await migrateControl(handle);
    const baseline: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await sql`create schema ${sql.id(`bench_empty_${i}`)}`.execute(handle.unsafeRoot);
      baseline.push(performance.now() - t0);
      await sql`drop schema ${sql.id(`bench_empty_${i}`)}`.execute(handle.unsafeRoot);
    }
    const times: number[] = [];
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      await provisionTenant(handle, { slug: `bench-${String(i).padStart(3, "0")}`, name: `压测医院 ${i}` }, cliActor("bench"));
      times.push(performance.now() - t0);
    }
    const total = performance.now() - started;
    console.log(JSON.stringify({ count, totalMs: total, times, baseline }));
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
