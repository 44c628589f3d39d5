/**
 * Risk re-assessment benchmark (run by bench/run.mjs through tsx; prints one JSON line).
 * The tenant `bench-risk` (bench/risk-tenant.ts: 100,000 patients with records and 12 observations each).
 * Measured: reassessTenant() over every patient — first run (every model writes a row: 6 per patient),
 * then a second run with unchanged inputs (hash check only). Baseline in the same run: reading exactly
 * the rows the re-assessment reads (patients, records, observations) page by page, with no model,
 * decryption or write. Goal: the full re-assessment ≤ 30 s.
 */
import { sql } from "kysely";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import { ALL_RISK_LOINC } from "@/server/modules/risk/risk-inputs";
import { BULK_PAGE, reassessTenant } from "@/server/modules/risk/risk-bulk";
import { cliActor } from "../scripts/cli-database";
import { seedRiskTenant, SLUG } from "./risk-tenant";

/** The same reads as one re-assessment run, and nothing else. */
async function readOnly(handle: DatabaseHandle): Promise<number> {
  const tdb = forTenant(handle.unsafeRoot, SLUG);
  let after = "00000000-0000-0000-0000-000000000000";
  let rows = 0;
  for (;;) {
    const page = await tdb.selectFrom("patients").select(["id", "sex", "birth_date", "key_sealed"]).where("status", "=", "active").where("id", ">", after).orderBy("id").limit(BULK_PAGE).execute();
    if (!page.length) break;
    after = page[page.length - 1]!.id;
    const ids = page.map((p) => p.id);
    const [recs, obs, cur] = await Promise.all([
      tdb.selectFrom("health_records").select(["patient_id", "version", "data_sealed"]).where("patient_id", "in", ids).execute(),
      tdb.selectFrom("observations as o").innerJoin("indicators as i", "i.id", "o.indicator_id").select(["o.patient_id", "i.loinc", "i.unit", "o.value_num", "o.observed_at"]).where("o.patient_id", "in", ids).where("i.loinc", "in", ALL_RISK_LOINC).where("o.value_num", "is not", null).where("o.status", "!=", "cancelled").orderBy("o.observed_at").execute(),
      tdb.selectFrom("risk_assessments").select(["patient_id", "model_id", "inputs_hash"]).where("patient_id", "in", ids).where("is_current", "=", true).execute(),
    ]);
    rows += page.length + recs.length + obs.length + cur.length;
  }
  return rows;
}

async function main() {
  const count = Number(process.env.BENCH_RISK_PATIENTS ?? 100_000);
  const handle = await openDatabase({ url: process.env.DATABASE_URL, poolSize: 4 });
  try {
    const t0 = performance.now();
    const seeded = await seedRiskTenant(handle, count);
    const seedMs = performance.now() - t0;
    const tenant = await handle.control.selectFrom("tenants").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
    const tdb = forTenant(handle.unsafeRoot, SLUG);
    // A clean table for the first run (earlier runs' rows would leave dead tuples the first run has to wade through).
    await sql`truncate ${sql.table(`t_${SLUG.replace(/-/g, "_")}.risk_assessments`)}`.execute(handle.unsafeRoot);
    const actor = { ...cliActor("bench-risk"), tenantId: tenant.id };
    const b0 = performance.now();
    const baselineRows = await readOnly(handle);
    const baselineMs = performance.now() - b0;
    const f0 = performance.now();
    const first = await reassessTenant(handle, { id: tenant.id, db: tdb }, { trigger: "bench", actor });
    const firstMs = performance.now() - f0;
    const s0 = performance.now();
    const second = await reassessTenant(handle, { id: tenant.id, db: tdb }, { trigger: "bench", actor });
    const secondMs = performance.now() - s0;
    const levels = await tdb.selectFrom("risk_assessments").select(["model_id", "level", (e) => e.fn.countAll<string>().as("n")]).where("is_current", "=", true).groupBy(["model_id", "level"]).execute();
    console.log(JSON.stringify({ patients: first.patients, seeded: seeded.seeded, seedMs, baselineMs, baselineRows, firstMs, firstWritten: first.written, secondMs, secondWritten: second.written, levels }));
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
