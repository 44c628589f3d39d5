#!/usr/bin/env node
// `npm run bench`: benchmarks against real PostgreSQL (DATABASE_URL names the server; the bench
// uses its own database `carepath_bench`, dropped and recreated each run) and a production build
// (own build folder .next-bench, port 3210). Every figure is a ratio against a baseline measured
// in the same run:
//   1. tRPC `department.byId` (primary-key lookup, full auth + tenant middleware) versus the same
//      SQL through pg in a minimal Node http server, both driven by autocannon (no pipelining);
//      GET /api/health of the same server is measured too, to split the framework's share out.
//   R. Outbox relay throughput (bench/outbox-relay.ts): events/s through the relay to a local event API
//      (goal ≥ 2,000/s), next to the same HTTP sends without the database.
//   2. provisionTenant() × 100: ms per tenant (goal ≤ 150 ms), next to an empty create-schema.
//   3. Patients: a tenant with BENCH_PATIENTS (default 200,000) patients. tRPC `patient.list` with
//      `q` (full name, surname, phone, card number) versus the same SQL statement through pg in the
//      minimal http server (goal: p50 ≤ 3× raw SQL, p95 ≤ 30 ms); then the patient 360 page
//      (`patient.byId` + `patient.timeline`) for a patient with 500 events and one with 5, with the
//      SQL statements each sends (goal: p95 ≤ 200 ms, equal statement counts).
//      The seeded database is kept as the template database carepath_bench_tpl, so later runs copy
//      it instead of seeding again; BENCH_RESEED=1 seeds afresh.
//   4. Risk re-assessment over 100,000 patients (bench/risk-bulk.ts; baseline: the same reads alone).
//   5. Health-report PDFs (bench/report-pdf.ts): 5/10/50-page render times, API tail latency during a batch.
//   6. Trend query (bench/results-trend.ts): tRPC trends.series for one patient × six indicators × ten
//      years versus the same SELECT through pg, interleaved (goal: p50 ≤ 2× raw, p95 ≤ 50 ms).
//   7. Results import (bench/results-import.ts): 1M CSV rows through the app's import path vs COPY.
//   8. Rules engine (bench/rules-bulk.ts): 20 rules over the 100,000 patients of the risk tenant in bulk
//      (goal ≤ 60 s, flat memory; baseline: reading the facts alone) and single-patient evaluation after a
//      new observation (goal p95 ≤ 20 ms; baseline: reading that patient's facts in the same transaction).
// BENCH_ONLY=patients,trend (a comma-separated subset of lookup, relay, provision, patients, risk,
// rules, pdf, trend, import) runs only those sections; the production server starts only for lookup and patients.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { encode } from "next-auth/jwt";
import pg from "pg";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const PORT = Number(process.env.BENCH_PORT ?? 3210);
const BASELINE_PORT = PORT + 1;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const DATA_DIR = ".data-bench";
const COOKIE = "authjs.session-token"; // COOKIE_SECURE=false → no __Secure- prefix

if (!process.env.DATABASE_URL) {
  console.error("npm run bench needs DATABASE_URL (a PostgreSQL server, e.g. postgres://postgres@127.0.0.1:5432/postgres).");
  process.exit(2);
}

const SECTIONS = ["lookup", "relay", "provision", "patients", "risk", "rules", "pdf", "trend", "import"];
const ONLY = process.env.BENCH_ONLY ? process.env.BENCH_ONLY.split(",").map((s) => s.trim()).filter(Boolean) : SECTIONS;
const unknownSections = ONLY.filter((s) => !SECTIONS.includes(s));
if (unknownSections.length) {
  console.error(`BENCH_ONLY: unknown section(s) ${unknownSections.join(", ")}; choose from ${SECTIONS.join(", ")}.`);
  process.exit(2);
}
const want = (section) => ONLY.includes(section);
const needsServer = want("lookup") || want("patients");

const PATIENTS = Number(process.env.BENCH_PATIENTS ?? 200_000);
const TEMPLATE = "carepath_bench_tpl";
const META = "public.carepath_bench_meta";

async function withAdmin(url, fn) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/** carepath_bench afresh: a copy of the seeded template when it matches BENCH_PATIENTS, else empty. */
async function freshDatabase(url) {
  const target = new URL(url);
  target.pathname = "/carepath_bench";
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${TEMPLATE}`;
  let meta = null;
  if (!process.env.BENCH_RESEED) {
    const exists = await withAdmin(url, async (admin) => (await admin.query("select 1 from pg_database where datname = $1", [TEMPLATE])).rowCount > 0);
    if (exists) {
      meta = await withAdmin(templateUrl.toString(), async (c) => {
        try {
          return (await c.query(`select patients, master_key from ${META}`)).rows[0] ?? null;
        } catch {
          return null;
        }
      });
      if (meta && meta.patients !== PATIENTS) meta = null;
    }
  }
  await withAdmin(url, async (admin) => {
    await admin.query("drop database if exists carepath_bench with (force)");
    await admin.query(meta ? `create database carepath_bench template ${TEMPLATE}` : "create database carepath_bench");
  });
  return { url: target.toString(), masterKey: meta?.master_key ?? null };
}

/** Keeps the seeded carepath_bench (nothing else connected to it) as the template for later runs. */
async function saveTemplate(url, benchUrl, masterKey) {
  await withAdmin(benchUrl, (c) => c.query(`create table ${META} (patients integer not null, master_key text not null); insert into ${META} values (${PATIENTS}, '${masterKey}')`));
  await withAdmin(url, async (admin) => {
    await admin.query(`drop database if exists ${TEMPLATE} with (force)`);
    await admin.query(`create database ${TEMPLATE} template carepath_bench`);
  });
}

function run(label, args, env) {
  const started = Date.now();
  const r = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), args, { cwd: root, env, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (r.status !== 0) {
    console.error(`[bench] ${label} failed:\n${r.stdout}`);
    process.exit(1);
  }
  console.log(`[bench] ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return r.stdout;
}

async function waitFor(url, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

/**
 * fetch, once more on a dropped connection: a kept-alive socket from the health polling can be closed
 * by the server (keep-alive timeout) just as it is reused, which fails the request without an answer.
 */
async function fetchOnce(url, init) {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return fetch(url, init);
  }
}

function cannon(url, headers) {
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers, pipelining: 1 });
}

const summary = (r) => ({
  requests: r.requests.total,
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  mean: r.latency.average,
  non2xx: r.non2xx,
  errors: r.errors,
});

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const started = Date.now();
const fresh = await freshDatabase(process.env.DATABASE_URL);
const databaseUrl = fresh.url;
rmSync(path.join(root, DATA_DIR), { recursive: true, force: true });
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  DATA_DIR,
  NEXT_DIST_DIR: ".next-bench",
  PORT: String(PORT),
  AUTH_SECRET: randomBytes(32).toString("base64"),
  // The seeded patients' keys are wrapped under the master key: a copied template brings its own.
  CAREPATH_MASTER_KEY: fresh.masterKey ?? randomBytes(32).toString("hex"),
  COOKIE_SECURE: "false",
  NEXT_TELEMETRY_DISABLED: "1",
};
console.log(`[bench] database carepath_bench, ${CONNECTIONS} connections × ${DURATION} s per run, Node ${process.version}, sections ${ONLY.join(", ")}`);
run("db:migrate", ["scripts/db-migrate.ts"], env);
let seeded;
if (fresh.masterKey) {
  console.log(`[bench] carepath_bench copied from the template ${TEMPLATE} (${PATIENTS} patients already seeded; BENCH_RESEED=1 to seed again)`);
} else {
  run("db:seed", ["scripts/db-seed.ts"], env);
  if (want("patients")) {
    seeded = JSON.parse(run(`seed ${PATIENTS} patients`, ["bench/patients.ts", "seed"], env).trim().split("\n").pop());
    await saveTemplate(process.env.DATABASE_URL, databaseUrl, env.CAREPATH_MASTER_KEY);
    console.log(`[bench] kept the seeded database as the template ${TEMPLATE}`);
  }
}

// `next build` with a custom distDir rewrites tsconfig.json (adds .next-bench/types); put it back.
const tsconfigPath = path.join(root, "tsconfig.json");
const tsconfig = readFileSync(tsconfigPath, "utf8");
const restoreTsconfig = () => {
  if (readFileSync(tsconfigPath, "utf8") !== tsconfig) writeFileSync(tsconfigPath, tsconfig);
};
let server = null;
if (needsServer) {
  console.log("[bench] starting the production server (builds first when the build is stale)…");
  server = spawn(process.execPath, ["scripts/start.mjs"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"], detached: true });
}
const stopServer = () => {
  if (!server) return;
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    /* already gone */
  }
};
process.on("exit", stopServer);

const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
let baselineServer, searchServer;
try {
  let headers = {};
  if (needsServer) {
    // The first run builds (several minutes on a busy machine) before it serves.
    await waitFor(`http://127.0.0.1:${PORT}/api/health`, 1_200_000);
    restoreTsconfig();
    // A session for the demo hospital admin: a control.sessions row plus the cookie next-auth would set.
    const { rows: users } = await pool.query("select id from control.users where email = $1", ["admin@demo.carepath.local"]);
    if (!users[0]) throw new Error("the demo seed did not create admin@demo.carepath.local");
    const sid = crypto.randomUUID();
    await pool.query(
      "insert into control.sessions (id, user_id, created_at, last_seen_at, expires_at, ip, user_agent) values ($1, $2, now(), now(), now() + interval '1 hour', '127.0.0.1', 'carepath-bench')",
      [sid, users[0].id],
    );
    const token = await encode({ token: { sub: users[0].id, sid }, secret: env.AUTH_SECRET, salt: COOKIE });
    headers = { cookie: `${COOKIE}=${token}`, "x-carepath-tenant": "demo" };
  }

  let lookup = null, base = [], trpc = [], health = [];
  if (want("lookup")) {
  const { rows: departments } = await pool.query('select id from "t_demo".departments order by name limit 1');
  if (!departments[0]) throw new Error("the demo seed created no department in t_demo");
  const departmentId = departments[0].id;

  const trpcUrl = `http://127.0.0.1:${PORT}/api/trpc/department.byId?input=${encodeURIComponent(JSON.stringify({ json: { id: departmentId } }))}`;
  const check = await fetchOnce(trpcUrl, { headers });
  const body = await check.text();
  if (!check.ok || !body.includes(departmentId)) throw new Error(`tRPC check failed: ${check.status} ${body.slice(0, 300)}`);

  // Baseline: the same primary-key SQL through pg, behind the smallest possible http server.
  const SQL = 'select id, name, name_en, lead_user_id, created_at, updated_at from "t_demo"."departments" where id = $1';
  baselineServer = http.createServer(async (req, res) => {
    try {
      const id = new URL(req.url, "http://x").searchParams.get("id");
      const { rows } = await pool.query(SQL, [id]);
      res.writeHead(rows[0] ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(rows[0] ?? null));
    } catch (error) {
      res.writeHead(500);
      res.end(String(error));
    }
  });
  await new Promise((r) => baselineServer.listen(BASELINE_PORT, "127.0.0.1", r));
  const baselineUrl = `http://127.0.0.1:${BASELINE_PORT}/department?id=${departmentId}`;

  // Context: GET /api/health in the same server is a Next route handler with one small query and no
  // auth, so (health / baseline) is the framework's share and (tRPC / health) is tRPC + auth + tenant.
  const healthUrl = `http://127.0.0.1:${PORT}/api/health`;
  console.log("[bench] warming up the targets…");
  await autocannon({ url: trpcUrl, headers, connections: CONNECTIONS, duration: 3 });
  await autocannon({ url: baselineUrl, connections: CONNECTIONS, duration: 3 });
  await autocannon({ url: healthUrl, connections: CONNECTIONS, duration: 3 });
  console.log("[bench] measuring twice, interleaved: baseline, tRPC, /api/health");
  for (let round = 0; round < 2; round++) {
    base.push(summary(await cannon(baselineUrl)));
    trpc.push(summary(await cannon(trpcUrl, headers)));
    health.push(summary(await cannon(healthUrl)));
  }
  for (const r of [...base, ...trpc, ...health]) if (r.non2xx || r.errors) throw new Error(`a run had failures: ${JSON.stringify(r)}`);
  const baseP50 = median(base.map((r) => r.p50));
  const trpcP50 = median(trpc.map((r) => r.p50));
  const healthP50 = median(health.map((r) => r.p50));
  lookup = {
    connections: CONNECTIONS,
    durationS: DURATION,
    baseline: base,
    trpc,
    health,
    ratioOfMedians: trpcP50 / baseP50,
    healthOverBaseline: healthP50 / baseP50,
    trpcOverHealth: trpcP50 / healthP50,
  };
  }

  let provision = null;
  if (want("provision")) {
  console.log("[bench] provisioning tenants…");
  const provisioned = JSON.parse(run("provision 100 tenants", ["bench/provision.ts"], env).trim().split("\n").pop());
  provision = {
    count: provisioned.count,
    msPerTenant: provisioned.totalMs / provisioned.count,
    medianMs: median(provisioned.times),
    p95Ms: pct(provisioned.times, 95),
    emptySchemaMedianMs: median(provisioned.baseline),
  };
  }

  // Outbox relay throughput (bench/outbox-relay.ts): relay → local event API versus the same HTTP sends alone.
  let relay = null;
  if (want("relay")) {
    console.log("[bench] outbox relay…");
    relay = JSON.parse(run("outbox relay", ["bench/outbox-relay.ts"], env).trim().split("\n").pop());
  }

  let patients = null, prepared = null, search = {}, page360 = null, threeSixty = {}, SEARCH_DURATION = 0;
  if (want("patients")) {
  // 3. Patients. Search: the same statement listPatients() compiles (bench/patients.ts prepare).
  console.log(`[bench] patients: tenant bench-patients with ${PATIENTS} patients`);
  prepared = JSON.parse(run("prepare the patient searches", ["bench/patients.ts", "prepare"], env).trim().split("\n").pop());
  searchServer = http.createServer(async (req, res) => {
    try {
      const target = prepared.searches[new URL(req.url, "http://x").searchParams.get("kind")];
      const { rows } = await pool.query(target.sql, target.parameters);
      res.writeHead(rows.length ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(rows));
    } catch (error) {
      res.writeHead(500);
      res.end(String(error));
    }
  });
  await new Promise((r) => searchServer.listen(BASELINE_PORT + 1, "127.0.0.1", r));
  const patientHeaders = { ...headers, "x-carepath-tenant": "bench-patients" };
  // autocannon reports p90/p97.5 but no p95: keep every response time instead.
  const timed = async (url, h, duration) => {
    const times = [];
    const instance = autocannon({ url, headers: h, connections: CONNECTIONS, duration, pipelining: 1 });
    instance.on("response", (_client, _status, _bytes, ms) => times.push(ms));
    const r = await instance;
    if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    return { requests: r.requests.total, rps: r.requests.average, p50: pct(times, 50), p95: pct(times, 95), p99: pct(times, 99) };
  };
  SEARCH_DURATION = Number(process.env.BENCH_SEARCH_DURATION ?? 5);
  for (const [kind, target] of Object.entries(prepared.searches)) {
    const trpcSearch = `http://127.0.0.1:${PORT}/api/trpc/patient.list?input=${encodeURIComponent(JSON.stringify({ json: { q: target.q, limit: 20 } }))}`;
    const rawSearch = `http://127.0.0.1:${BASELINE_PORT + 1}/search?kind=${kind}`;
    const res = await fetchOnce(trpcSearch, { headers: patientHeaders });
    const text = await res.text();
    if (!res.ok || !JSON.parse(text).result.data.json.items.length) throw new Error(`patient.list ${kind} found nothing: ${res.status} ${text.slice(0, 300)}`);
    await timed(trpcSearch, patientHeaders, 2);
    await timed(rawSearch, {}, 2);
    const raw = [], trpcRuns = [];
    for (let round = 0; round < 2; round++) {
      raw.push(await timed(rawSearch, {}, SEARCH_DURATION));
      trpcRuns.push(await timed(trpcSearch, patientHeaders, SEARCH_DURATION));
    }
    const m = (rs, k) => median(rs.map((r) => r[k]));
    search[kind] = { q: kind === "phone" || kind === "card" ? `${target.q.slice(0, 3)}…` : "(name)", raw, trpc: trpcRuns, p50Ratio: m(trpcRuns, "p50") / m(raw, "p50"), trpcP95: m(trpcRuns, "p95") };
    console.log(`[bench] search ${kind}: raw p50 ${m(raw, "p50")} ms, tRPC p50 ${m(trpcRuns, "p50")} ms p95 ${m(trpcRuns, "p95")} ms`);
  }
  page360 = JSON.parse(run("patient 360 page", ["bench/patients.ts", "360"], env).trim().split("\n").pop());
  for (const label of ["many", "few"]) {
    const t = page360[label];
    threeSixty[label] = { events: page360.events[label], p50: pct(t.times, 50), p95: pct(t.times, 95), max: Math.max(...t.times), statements: t.statements };
  }
  const sameStatements = JSON.stringify(threeSixty.many.statements) === JSON.stringify(threeSixty.few.statements);
  patients = { count: PATIENTS, seededThisRun: seeded ?? null, listStatements: prepared.listStatements, searchDurationS: SEARCH_DURATION, search, page360: { n: page360.n, ...threeSixty, sameStatements } };
  }

  // 4. Risk re-assessment over BENCH_RISK_PATIENTS (default 100,000) patients; 5. health-report PDFs.
  const section = (name, label, script) => (want(name) ? JSON.parse(run(label, [script], env).trim().split("\n").pop()) : null);
  const riskBulk = section("risk", "risk re-assessment", "bench/risk-bulk.ts");
  const rulesBulk = section("rules", "rules engine", "bench/rules-bulk.ts");
  const reportPdf = section("pdf", "health-report PDF", "bench/report-pdf.ts");
  // 6. Trend query.
  const trend = section("trend", "trend query", "bench/results-trend.ts");

  // 7. Results import: 1,000,000 CSV rows through importFile() vs psql COPY of the same rows (bench/results-import.ts).
  const resultsImport = section("import", "results import", "bench/results-import.ts");

  const results = { at: new Date().toISOString(), sections: ONLY, node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg(), totalS: (Date.now() - started) / 1000, lookup, provision, patients, riskBulk, rulesBulk, reportPdf, trend, resultsImport, relay };
  mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  const file = path.join("bench", "results", `bench-${results.at.replace(/[:.]/g, "-")}.json`);
  writeFileSync(path.join(root, file), JSON.stringify(results, null, 2));

  const f = (n) => n.toFixed(2);
  const line = (label, rs) =>
    `   ${label} p50 ${rs.map((r) => f(r.p50)).join(" / ")}   p99 ${rs.map((r) => f(r.p99)).join(" / ")}   ${rs.map((r) => Math.round(r.rps)).join(" / ")} req/s`;
  // Only the sections that ran (BENCH_ONLY).
  const blocks = [
    want("lookup") &&
      `1. primary-key lookup, ${CONNECTIONS} connections, 2 × ${DURATION} s each, interleaved (latency in ms)
${line("baseline pg + http  ", base)}
${line("tRPC department.byId", trpc)}
${line("Next /api/health    ", health)}
   ratio of medians (tRPC / baseline): ${f(lookup.ratioOfMedians)}×   (goal ≤ 1.5×)
   of which Next itself (/api/health / baseline) ${f(lookup.healthOverBaseline)}×, tRPC + auth + tenant (tRPC / /api/health) ${f(lookup.trpcOverHealth)}×`,
    want("relay") &&
      `R. outbox relay: ${relay.events} events in batches of ${relay.batch}: ${Math.round(relay.relayPerSecond)} events/s (goal ≥ 2,000) ${relay.relayPerSecond >= 2000 && relay.leftPending === 0 ? "✓" : "✗"}
   baseline (same HTTP sends, no database) ${Math.round(relay.baselinePerSecond)} events/s; relay / baseline ${f(relay.relayPerSecond / relay.baselinePerSecond)}×; ${relay.received} received, ${relay.leftPending} left pending`,
    want("provision") &&
      `2. provision ${provision.count} tenants: ${f(provision.msPerTenant)} ms per tenant (median ${f(provision.medianMs)}, p95 ${f(provision.p95Ms)}; goal ≤ 150 ms)
   baseline: empty create schema ${f(provision.emptySchemaMedianMs)} ms`,
    want("patients") &&
      `3. patient search, tenant with ${PATIENTS} patients${seeded ? ` (seeded this run in ${f(seeded.seedMs / 1000)} s)` : " (copied from the template)"}; ${CONNECTIONS} connections, 2 × ${SEARCH_DURATION} s each, interleaved (ms)
${Object.entries(search)
  .map(
    ([kind, r]) => `   ${kind.padEnd(8)} raw SQL p50/p95/p99 ${r.raw.map((x) => `${f(x.p50)}/${f(x.p95)}/${f(x.p99)}`).join(" · ")}
            tRPC    p50/p95/p99 ${r.trpc.map((x) => `${f(x.p50)}/${f(x.p95)}/${f(x.p99)}`).join(" · ")}   ${r.trpc.map((x) => Math.round(x.rps)).join(" / ")} req/s
            p50 ratio (tRPC / raw) ${f(r.p50Ratio)}× (goal ≤ 3×), tRPC p95 ${f(r.trpcP95)} ms (goal ≤ 30 ms) ${r.p50Ratio <= 3 && r.trpcP95 <= 30 ? "✓" : "✗"}`,
  )
  .join("\n")}
   (the raw side sends the page's one statement — patients, their cards, tags and manager names; one patient.list call sends ${prepared.listStatements} statements in all: tenant gate, BEGIN, that statement, audit, COMMIT)
   patient 360 (patient.byId + patient.timeline, in-process caller, ${page360.n} pages each, ms): goal p95 ≤ 200 ms, equal statement counts
${["many", "few"]
  .map((l) => `   ${String(threeSixty[l].events).padStart(4)} events: p50 ${f(threeSixty[l].p50)}  p95 ${f(threeSixty[l].p95)}  max ${f(threeSixty[l].max)}   SQL statements byId ${threeSixty[l].statements.byId} + timeline ${threeSixty[l].statements.timeline}`)
  .join("\n")}
   same statement count for 500 and 5 events: ${patients.page360.sameStatements ? "yes ✓" : "NO ✗"}`,
    want("risk") &&
      `4. risk re-assessment, ${riskBulk.patients} patients × 6 models: first run ${f(riskBulk.firstMs / 1000)} s (${riskBulk.firstWritten} rows written), unchanged inputs ${f(riskBulk.secondMs / 1000)} s (${riskBulk.secondWritten} written); goal ≤ 30 s ${riskBulk.firstMs <= 30000 ? "✓" : "✗"}
   baseline: reading the same rows without models or writes ${f(riskBulk.baselineMs / 1000)} s → ${f(riskBulk.firstMs / riskBulk.baselineMs)}× the read floor`,
    want("rules") &&
      `8. rules engine, ${rulesBulk.rules} rules over ${rulesBulk.patients} patients (batches of 1000, as the background job runs them)
   first run ${f(rulesBulk.first.ms / 1000)} s (${rulesBulk.first.changed} patients changed, ${rulesBulk.matches} matches written) (goal ≤ 60 s) ${rulesBulk.first.ms <= 60000 ? "✓" : "✗"}; unchanged facts ${f(rulesBulk.second.ms / 1000)} s (${rulesBulk.second.changed} changed)
   baseline: reading the same facts alone ${f(rulesBulk.baselineMs / 1000)} s → first run ${f(rulesBulk.first.ms / rulesBulk.baselineMs)}×, unchanged run ${f(rulesBulk.second.ms / rulesBulk.baselineMs)}× the read floor
   memory: RSS at start ${f(rulesBulk.rssStartMb)} MB, per tenth of the batches ${rulesBulk.first.rssMb.map(f).join(" / ")} MB, peak ${f(rulesBulk.peakRssMb)} MB
   single patient after a new observation (${rulesBulk.single.n} patients, ${rulesBulk.single.changed} changed outcome): evaluation p50 ${f(rulesBulk.single.eval.p50)} / p95 ${f(rulesBulk.single.eval.p95)} ms (goal p95 ≤ 20 ms) ${rulesBulk.single.eval.p95 <= 20 ? "✓" : "✗"}; unchanged outcome p95 ${f(rulesBulk.single.unchanged.p95)} ms
   baseline: reading that patient's facts p50 ${f(rulesBulk.single.facts.p50)} / p95 ${f(rulesBulk.single.facts.p95)} ms`,
    want("pdf") &&
      `5. health-report PDF (warm, median): ${reportPdf.sizes.map((x) => `${x.pages} pages ${f(x.ms)} ms (${f(x.msPerPage)} ms/page)`).join(" · ")}
   10-page report ${f(reportPdf.tenPageMs)} ms (goal ≤ 1000 ms) ${reportPdf.tenPageMs <= 1000 ? "✓" : "✗"}; ms/page at ~50 ÷ at ~5 pages ${f(reportPdf.perPageRatio)} (goal ≤ 1.3) ${reportPdf.perPageRatio <= 1.3 ? "✓" : "✗"}
   API p97.5 during a report batch ÷ without: ${f(reportPdf.api.tailRatio)} (goal ≤ 1.2) ${reportPdf.api.tailRatio <= 1.2 ? "✓" : "✗"} — ${f(reportPdf.api.without.p97_5)} / ${f(reportPdf.api.during.p97_5)} / ${f(reportPdf.api.without2.p97_5)} ms, ${reportPdf.api.reportsRenderedDuring} reports rendered meanwhile`,
    want("trend") &&
      `6. trend query, 1 patient × 6 indicators × 10 years (${trend.rows} values → ${trend.shippedPoints} points shipped), ${trend.n} calls each, interleaved, in-process (ms)
   raw SQL p50/p95/p99 ${f(trend.raw.p50)}/${f(trend.raw.p95)}/${f(trend.raw.p99)}   tRPC trends.series ${f(trend.trpc.p50)}/${f(trend.trpc.p95)}/${f(trend.trpc.p99)} (${trend.trpcStatements} statements per call)
   p50 ratio ${f(trend.ratio)}× (goal ≤ 2×), tRPC p95 ${f(trend.trpc.p95)} ms (goal ≤ 50 ms) ${trend.ratio <= 2 && trend.trpc.p95 <= 50 ? "✓" : "✗"}`,
    want("import") &&
      `7. results import, ${resultsImport.rows} CSV rows for ${resultsImport.patients} patients (${resultsImport.reports} reports): app ${f(resultsImport.appMs / 1000)} s (${Math.round(resultsImport.rowsPerSecond)} rows/s), COPY of the same rows ${f(resultsImport.copyMs / 1000)} s
   app ÷ COPY ${f(resultsImport.ratio)} (goal ≤ 2.5) ${resultsImport.ratio <= 2.5 ? "✓" : "✗"}; peak RSS ${f(resultsImport.peakRssMb)} MB (goal ≤ 300) ${resultsImport.peakRssMb <= 300 ? "✓" : "✗"}`,
  ];
  console.log(`
━━ bench summary (sections: ${ONLY.join(", ")}) ━━
${blocks.filter(Boolean).join("\n")}
total ${f((Date.now() - started) / 1000)} s
machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (other work on the machine skews both sides)
results: ${file}`);
} finally {
  restoreTsconfig();
  baselineServer?.close();
  searchServer?.close();
  await pool.end();
  stopServer();
}
