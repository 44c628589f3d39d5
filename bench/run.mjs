#!/usr/bin/env node
// `npm run bench`: benchmarks against real PostgreSQL (DATABASE_URL names the server; the bench
// uses its own database `carepath_bench`, dropped and recreated each run) and a production build
// (own build folder .next-bench, port 3210). Every figure is a ratio against a baseline measured
// in the same run:
//   1. tRPC `department.byId` (primary-key lookup, full auth + tenant middleware) versus the same
//      SQL through pg in a minimal Node http server, both driven by autocannon (no pipelining);
//      GET /api/health of the same server is measured too, to split the framework's share out.
//   2. provisionTenant() × 100: ms per tenant (goal ≤ 150 ms), next to an empty create-schema.
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

async function freshDatabase(url) {
  const target = new URL(url);
  target.pathname = "/carepath_bench";
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query("drop database if exists carepath_bench with (force)");
    await admin.query("create database carepath_bench");
  } finally {
    await admin.end();
  }
  return target.toString();
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

const databaseUrl = await freshDatabase(process.env.DATABASE_URL);
rmSync(path.join(root, DATA_DIR), { recursive: true, force: true });
const env = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  DATA_DIR,
  NEXT_DIST_DIR: ".next-bench",
  PORT: String(PORT),
  AUTH_SECRET: randomBytes(32).toString("base64"),
  CAREPATH_MASTER_KEY: randomBytes(32).toString("hex"),
  COOKIE_SECURE: "false",
  NEXT_TELEMETRY_DISABLED: "1",
};
console.log(`[bench] database carepath_bench, ${CONNECTIONS} connections × ${DURATION} s per run, Node ${process.version}`);
run("db:migrate", ["scripts/db-migrate.ts"], env);
run("db:seed", ["scripts/db-seed.ts"], env);

// `next build` with a custom distDir rewrites tsconfig.json (adds .next-bench/types); put it back.
const tsconfigPath = path.join(root, "tsconfig.json");
const tsconfig = readFileSync(tsconfigPath, "utf8");
const restoreTsconfig = () => {
  if (readFileSync(tsconfigPath, "utf8") !== tsconfig) writeFileSync(tsconfigPath, tsconfig);
};
console.log("[bench] starting the production server (builds first when the build is stale)…");
const server = spawn(process.execPath, ["scripts/start.mjs"], { cwd: root, env, stdio: ["ignore", "ignore", "inherit"], detached: true });
const stopServer = () => {
  try {
    process.kill(-server.pid, "SIGTERM");
  } catch {
    /* already gone */
  }
};
process.on("exit", stopServer);

const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
let baselineServer;
try {
  await waitFor(`http://127.0.0.1:${PORT}/api/health`, 300_000);
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
  const { rows: departments } = await pool.query('select id from "t_demo".departments order by name limit 1');
  if (!departments[0]) throw new Error("the demo seed created no department in t_demo");
  const departmentId = departments[0].id;

  const trpcUrl = `http://127.0.0.1:${PORT}/api/trpc/department.byId?input=${encodeURIComponent(JSON.stringify({ json: { id: departmentId } }))}`;
  const headers = { cookie: `${COOKIE}=${token}`, "x-carepath-tenant": "demo" };
  const check = await fetch(trpcUrl, { headers });
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
  const base = [], trpc = [], health = [];
  for (let round = 0; round < 2; round++) {
    base.push(summary(await cannon(baselineUrl)));
    trpc.push(summary(await cannon(trpcUrl, headers)));
    health.push(summary(await cannon(healthUrl)));
  }
  for (const r of [...base, ...trpc, ...health]) if (r.non2xx || r.errors) throw new Error(`a run had failures: ${JSON.stringify(r)}`);
  const baseP50 = median(base.map((r) => r.p50));
  const trpcP50 = median(trpc.map((r) => r.p50));
  const healthP50 = median(health.map((r) => r.p50));
  const lookup = {
    connections: CONNECTIONS,
    durationS: DURATION,
    baseline: base,
    trpc,
    health,
    ratioOfMedians: trpcP50 / baseP50,
    healthOverBaseline: healthP50 / baseP50,
    trpcOverHealth: trpcP50 / healthP50,
  };

  console.log("[bench] provisioning tenants…");
  const provisioned = JSON.parse(run("provision 100 tenants", ["bench/provision.ts"], env).trim().split("\n").pop());
  const provision = {
    count: provisioned.count,
    msPerTenant: provisioned.totalMs / provisioned.count,
    medianMs: median(provisioned.times),
    p95Ms: pct(provisioned.times, 95),
    emptySchemaMedianMs: median(provisioned.baseline),
  };

  const results = { at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage: os.loadavg(), lookup, provision };
  mkdirSync(path.join(root, "bench", "results"), { recursive: true });
  const file = path.join("bench", "results", `bench-${results.at.replace(/[:.]/g, "-")}.json`);
  writeFileSync(path.join(root, file), JSON.stringify(results, null, 2));

  const f = (n) => n.toFixed(2);
  const line = (label, rs) =>
    `   ${label} p50 ${rs.map((r) => f(r.p50)).join(" / ")}   p99 ${rs.map((r) => f(r.p99)).join(" / ")}   ${rs.map((r) => Math.round(r.rps)).join(" / ")} req/s`;
  console.log(`
━━ bench summary ━━
1. primary-key lookup, ${CONNECTIONS} connections, 2 × ${DURATION} s each, interleaved (latency in ms)
${line("baseline pg + http  ", base)}
${line("tRPC department.byId", trpc)}
${line("Next /api/health    ", health)}
   ratio of medians (tRPC / baseline): ${f(lookup.ratioOfMedians)}×   (goal ≤ 1.5×)
   of which Next itself (/api/health / baseline) ${f(lookup.healthOverBaseline)}×, tRPC + auth + tenant (tRPC / /api/health) ${f(lookup.trpcOverHealth)}×
2. provision ${provision.count} tenants: ${f(provision.msPerTenant)} ms per tenant (median ${f(provision.medianMs)}, p95 ${f(provision.p95Ms)}; goal ≤ 150 ms)
   baseline: empty create schema ${f(provision.emptySchemaMedianMs)} ms
machine: ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (other work on the machine skews both sides)
results: ${file}`);
} finally {
  restoreTsconfig();
  baselineServer?.close();
  await pool.end();
  stopServer();
}
