/**
 * Trend-query benchmark (run by bench/run.mjs through tsx; one JSON line on stdout, a summary on
 * stderr). A tenant `bench-trends-<run>` with BENCH_TREND_PATIENTS (default 2,000) patients of ten
 * yearly check-ups each, plus one patient with ten years of daily home readings (SBP, DBP, HR, weight:
 * 3,650 each) and quarterly labs (FPG, LDL-C). Measured in the same run, interleaved:
 *   - tRPC `trends.series` for that patient and those six indicators through createCaller (tenant
 *     resolution, permission, scope check, the series query, audit row, LTTB, warnings, output schema);
 *   - the same SELECT through pg (the statement the service compiles), values fetched and decoded.
 * Goal: tRPC p50 ≤ 2× raw p50, tRPC p95 ≤ 50 ms.
 */
import pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateControl } from "@/db/migrate";
import { forTenant, tenantSchemaName, type TenantDb } from "@/db/tenant";
import { createCaller } from "@/server/api/root";
import { provisionTenant } from "@/server/tenancy/provision";
import { numericSeriesQuery } from "@/server/modules/trends/trends.repository";
import { cliActor } from "../scripts/cli-database";

const CODES = ["SBP", "DBP", "HR", "WEIGHT", "FPG", "LDLC"];
const N = Number(process.env.BENCH_TREND_N ?? 300);
const OTHERS = Number(process.env.BENCH_TREND_PATIENTS ?? 2000);
const DAY = 86_400_000;

let statements = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function insertPatient(tdb: TenantDb, managerId: string): Promise<string> {
  const id = uuidv7();
  await tdb.insertInto("patients").values({ id, key_sealed: null, name_sealed: "bench", sex: "male", birth_date: "1960-01-01", manager_user_id: managerId }).execute();
  return id;
}

async function seed(handle: DatabaseHandle, slug: string, adminId: string) {
  const tenant = await provisionTenant(handle, { slug, name: "压测医院（趋势）" }, cliActor("bench"));
  await handle.control.insertInto("memberships").values({ id: uuidv7(), user_id: adminId, tenant_id: tenant.id, role: "doctor" }).execute();
  const tdb = forTenant(handle.unsafeRoot, slug);
  const indicators = new Map((await tdb.selectFrom("indicators").select(["id", "code"]).execute()).map((r) => [r.code, r.id]));
  const now = Date.now();
  const rows: Record<string, unknown>[] = [];
  const obs = (patient: string, code: string, t: number, v: number, flag: string | null = null) =>
    rows.push({ id: uuidv7(), patient_id: patient, indicator_id: indicators.get(code)!, observed_at: new Date(t), value_num: v, original_value: String(v), original_unit: null, ref_low: null, ref_high: null, flag, source_kind: "import", status: "final" });
  const flush = async () => {
    for (let i = 0; i < rows.length; i += 1000) await tdb.insertInto("observations").values(rows.slice(i, i + 1000) as never).execute();
    rows.length = 0;
  };
  const target = await insertPatient(tdb, adminId);
  for (let d = 0; d < 3650; d++) {
    const t = now - (3650 - d) * DAY;
    const sbp = Math.round(125 + 12 * Math.sin(d / 60) + (d % 13) - 6 + d / 300);
    obs(target, "SBP", t, sbp, sbp > 139 ? "H" : null);
    obs(target, "DBP", t, Math.round(80 + 6 * Math.sin(d / 60) + (d % 7) - 3), null);
    obs(target, "HR", t, 60 + (d % 25), null);
    obs(target, "WEIGHT", t, Math.round((70 + d / 600 + Math.sin(d / 90)) * 10) / 10, null);
    if (d % 91 === 0) {
      obs(target, "FPG", t, Math.round((4.8 + d / 4000) * 100) / 100, null);
      obs(target, "LDLC", t, Math.round((2.9 + d / 3000) * 100) / 100, null);
    }
    if (rows.length >= 5000) await flush();
  }
  await flush();
  for (let p = 0; p < OTHERS; p++) {
    const id = await insertPatient(tdb, adminId);
    for (let y = 0; y < 10; y++) for (const code of CODES) obs(id, code, now - (10 - y) * 365 * DAY, 5 + ((p + y) % 7));
    if (rows.length >= 5000) await flush();
  }
  await flush();
  return { tenantId: tenant.id, target };
}

async function main() {
  const handle = await openDatabase({ url: process.env.DATABASE_URL, poolSize: 4 });
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  try {
    await migrateControl(handle);
    const admin = await handle.control.selectFrom("users").select(["id", "email", "display_name as name"]).where("email", "=", "doctor@demo.carepath.local").executeTakeFirst();
    const user = admin ?? { id: uuidv7(), email: "bench-trends@carepath.local", name: "bench" };
    if (!admin) await handle.control.insertInto("users").values({ id: user.id, email: user.email, display_name: user.name, password_hash: "$argon2id$v=19$m=19456,t=2,p=1$YmVuY2g$YmVuY2g", is_platform_operator: false }).execute();
    const slug = `bench-trends-${Date.now().toString(36)}`;
    const t0 = performance.now();
    const { target } = await seed(handle, slug, user.id);
    const seedMs = performance.now() - t0;
    await pool.query(`analyze "${tenantSchemaName(slug)}".observations`);
    const caller = createCaller({
      database: handle,
      user: { id: user.id, email: user.email, name: user.name, isPlatformOperator: false, sessionId: "bench" },
      meta: { requestId: "bench", ip: "127.0.0.1", userAgent: "carepath-bench", locale: "zh-CN" },
      requestedTenant: slug,
    });
    const compiled = numericSeriesQuery(forTenant(handle.unsafeRoot, slug), target, CODES).compile();
    // Values fetched: the statement returns one row per indicator, its values as one JSON array.
    const raw = async () => (await pool.query<{ points: unknown[] | null }>(compiled.sql, compiled.parameters as unknown[])).rows.reduce((n, r) => n + (r.points?.length ?? 0), 0);
    const trpc = async () => (await caller.trends.series({ patientId: target, codes: CODES })).series.reduce((n, s) => n + s.points.length, 0);
    // Warm-up, and what one call costs in statements and shipped points.
    const rowsRaw = await raw();
    const s0 = statements;
    const shipped = await trpc();
    const trpcStatements = statements - s0;
    for (let i = 0; i < 20; i++) {
      await raw();
      await trpc();
    }
    const rawTimes: number[] = [];
    const trpcTimes: number[] = [];
    for (let i = 0; i < N; i++) {
      let t = performance.now();
      await raw();
      rawTimes.push(performance.now() - t);
      t = performance.now();
      await trpc();
      trpcTimes.push(performance.now() - t);
    }
    const result = {
      n: N,
      rows: rowsRaw,
      shippedPoints: shipped,
      trpcStatements,
      seedMs,
      raw: { p50: pct(rawTimes, 50), p95: pct(rawTimes, 95), p99: pct(rawTimes, 99) },
      trpc: { p50: pct(trpcTimes, 50), p95: pct(trpcTimes, 95), p99: pct(trpcTimes, 99) },
    };
    const ratio = result.trpc.p50 / result.raw.p50;
    console.error(
      `[bench] trend query, 1 patient × 6 indicators × 10 years (${rowsRaw} values → ${shipped} points shipped), ${N} calls each, interleaved:\n` +
        `   raw SQL p50/p95/p99 ${result.raw.p50.toFixed(2)}/${result.raw.p95.toFixed(2)}/${result.raw.p99.toFixed(2)} ms\n` +
        `   tRPC    p50/p95/p99 ${result.trpc.p50.toFixed(2)}/${result.trpc.p95.toFixed(2)}/${result.trpc.p99.toFixed(2)} ms (${trpcStatements} statements per call incl. transaction and audit)\n` +
        `   p50 ratio ${ratio.toFixed(2)}× (goal ≤ 2×), tRPC p95 ${result.trpc.p95.toFixed(2)} ms (goal ≤ 50 ms) ${ratio <= 2 && result.trpc.p95 <= 50 ? "✓" : "✗"}`,
    );
    console.log(JSON.stringify({ ...result, ratio }));
  } finally {
    await pool.end();
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
