/**
 * Results-import benchmark (run by bench/run.mjs through tsx; prints one JSON line).
 * A tenant with BENCH_RESULTS_PATIENTS (default 50,000) patients, each with a member card, and a
 * CSV of BENCH_RESULTS_ROWS (default 1,000,000) observations (one row per observation, 20 per patient
 * and report). Measured in the same run, into the same table with the same indexes:
 *   app  — importFile() on a file stream: parse (csv-parse), match by card blind index, normalise,
 *          range + flag, bulk INSERT in one transaction, reports, timeline, audit;
 *   COPY — `\copy observations FROM` (psql, client-side COPY FROM STDIN) of exactly the rows the
 *          app wrote, exported first, after emptying the table.
 * Peak RSS of this process is sampled every 50 ms during the app import (goal ≤ 300 MB).
 */
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { openDatabase } from "@/db/client";
import { migrateControl } from "@/db/migrate";
import { forTenant, tenantSchemaName } from "@/db/tenant";
import { blindIndex } from "@/server/crypto/blind-index";
import { newPatientKey, sealField } from "@/server/crypto/field-crypto";
import { getTenantKeyring } from "@/server/crypto/tenant-keys";
import { makeCardNumber } from "@/server/modules/patient/rules/card-number";
import { importFile } from "@/server/modules/results/import/import-file";
import { provisionTenant } from "@/server/tenancy/provision";
import { cliActor } from "../scripts/cli-database";

const PATIENTS = Number(process.env.BENCH_RESULTS_PATIENTS ?? 50_000);
const ROWS = Number(process.env.BENCH_RESULTS_ROWS ?? 1_000_000);
const SLUG = "bench-results";
const INDICATORS: [string, string, () => number][] = [
  ["SBP", "mmHg", () => 100 + Math.round(Math.random() * 70)],
  ["DBP", "mmHg", () => 60 + Math.round(Math.random() * 40)],
  ["HR", "/min", () => 55 + Math.round(Math.random() * 45)],
  ["HEIGHT", "cm", () => 150 + Math.round(Math.random() * 40)],
  ["WEIGHT", "kg", () => 45 + Math.round(Math.random() * 50)],
  ["BMI", "kg/m²", () => 18 + Math.random() * 12],
  ["WAIST", "cm", () => 65 + Math.random() * 40],
  ["FPG", "mg/dL", () => 75 + Math.random() * 60],
  ["HBA1C", "%", () => 4.5 + Math.random() * 3],
  ["TC", "mmol/L", () => 3.5 + Math.random() * 3.5],
  ["TG", "mmol/L", () => 0.5 + Math.random() * 2.5],
  ["LDLC", "mmol/L", () => 1.5 + Math.random() * 3],
  ["HDLC", "mmol/L", () => 0.8 + Math.random() * 1.2],
  ["ALT", "U/L", () => 8 + Math.random() * 60],
  ["AST", "U/L", () => 10 + Math.random() * 40],
  ["CREA", "μmol/L", () => 45 + Math.random() * 70],
  ["UA", "μmol/L", () => 200 + Math.random() * 300],
  ["HB", "g/L", () => 105 + Math.random() * 60],
  ["WBC", "×10⁹/L", () => 3 + Math.random() * 7],
  ["PLT", "×10⁹/L", () => 110 + Math.random() * 250],
];

function psql(url: string, command: string): void {
  const r = spawnSync("psql", [url, "-v", "ON_ERROR_STOP=1", "-q", "-c", command], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL required");
  const handle = await openDatabase({ url, poolSize: 2 });
  const dir = mkdtempSync(path.join(os.tmpdir(), "carepath-results-bench-"));
  try {
    await migrateControl(handle);
    const existing = await handle.control.selectFrom("tenants").select("id").where("slug", "=", SLUG).executeTakeFirst();
    const tenant = existing ?? (await provisionTenant(handle, { slug: SLUG, name: "结果导入压测" }, cliActor("bench")));
    const tdb = forTenant(handle.unsafeRoot, SLUG);
    const ring = await getTenantKeyring(handle.control, tenant.id);
    const schema = tenantSchemaName(SLUG);
    for (const t of ["observations", "exam_reports", "import_batch_rows", "results_match_queue", "import_batches", "patient_events", "member_cards", "patient_search_tokens", "patients"]) {
      await sql`truncate ${sql.table(`${schema}.${t}`)} cascade`.execute(handle.unsafeRoot);
    }

    // Patients with cards (minimal rows, sealed like the services do).
    const seedStart = Date.now();
    const cards: string[] = [];
    const used = new Set<string>();
    for (let start = 0; start < PATIENTS; start += 1000) {
      const patients = [];
      const cardRows = [];
      for (let i = start; i < Math.min(PATIENTS, start + 1000); i++) {
        const id = crypto.randomUUID();
        const { key, sealed } = newPatientKey(ring, id);
        let card: string;
        do card = makeCardNumber();
        while (used.has(card));
        used.add(card);
        cards.push(card);
        const female = i % 2 === 1;
        patients.push({ id, key_sealed: sealed, name_sealed: sealField(key, `压测${i}`, { tenantId: tenant.id, table: "patients", column: "name", rowId: id }), sex: female ? ("female" as const) : ("male" as const), birth_date: `${1950 + (i % 50)}-0${1 + (i % 9)}-1${i % 9}` });
        const cardId = crypto.randomUUID();
        cardRows.push({ id: cardId, patient_id: id, card_no_sealed: sealField(key, card, { tenantId: tenant.id, table: "member_cards", column: "card_no", rowId: cardId }), card_no_bidx: blindIndex(ring.indexKey, "card", card), level: "普通卡", valid_from: "2025-01-01", valid_to: "2027-01-01" });
      }
      await tdb.insertInto("patients").values(patients).execute();
      await tdb.insertInto("member_cards").values(cardRows).execute();
    }
    await sql`analyze ${sql.table(`${schema}.patients`)}`.execute(handle.unsafeRoot);
    await sql`analyze ${sql.table(`${schema}.member_cards`)}`.execute(handle.unsafeRoot);
    const seedMs = Date.now() - seedStart;

    // The CSV, written as a stream (20 observations per patient and report).
    const file = path.join(dir, "results.csv");
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(file);
      out.on("error", reject);
      out.write("卡号,体检日期,报告号,项目,结果,单位\n");
      let row = 0;
      const perPatient = INDICATORS.length;
      const write = () => {
        let ok = true;
        while (row < ROWS && ok) {
          const p = Math.floor(row / perPatient) % PATIENTS;
          const [code, unit, gen] = INDICATORS[row % perPatient]!;
          const v = gen();
          ok = out.write(`${cards[p]},2025-0${1 + (p % 9)}-1${p % 9},R${Math.floor(row / perPatient)},${code},${Number.isInteger(v) ? v : v.toFixed(2)},${unit}\n`);
          row++;
        }
        if (row < ROWS) out.once("drain", write);
        else out.end(resolve);
      };
      write();
    });

    // App path.
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const mapping = { layout: "long" as const, columns: { cardNo: "卡号", examDate: "体检日期", reportId: "报告号", indicator: "项目", value: "结果", unit: "单位" }, indicators: [] };
    const ctx = { db: tdb, database: handle, tenant: { id: tenant.id, slug: SLUG }, actor: { ...cliActor("bench"), tenantId: tenant.id }, timeZone: "Asia/Shanghai" };
    const appStart = Date.now();
    const report = await importFile(ctx, { format: "csv", body: createReadStream(file, { highWaterMark: 256 * 1024 }), source: "bench", mapping, channel: "cli" });
    const appMs = Date.now() - appStart;
    clearInterval(sampler);
    if (report.status !== "committed" || report.counts.observations !== ROWS) throw new Error(`import failed: ${JSON.stringify({ ...report, rows: report.rows.slice(0, 5) })}`);

    // COPY baseline: the same rows, into the same (emptied) table with the same indexes.
    const copyFile = path.join(dir, "observations.copy");
    const table = `${schema}.observations`;
    psql(url, `\\copy ${table} to '${copyFile}'`);
    await sql`truncate ${sql.table(table)} cascade`.execute(handle.unsafeRoot);
    await sql`vacuum ${sql.table(table)}`.execute(handle.unsafeRoot);
    const copyStart = Date.now();
    psql(url, `\\copy ${table} from '${copyFile}'`);
    const copyMs = Date.now() - copyStart;
    const copied = Number((await tdb.selectFrom("observations").select((e) => e.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
    if (copied !== ROWS) throw new Error(`COPY loaded ${copied} rows`);

    console.log(JSON.stringify({ patients: PATIENTS, rows: ROWS, reports: report.counts.reports, seedMs, appMs, copyMs, ratio: appMs / copyMs, peakRssMb: peakRss / 1024 / 1024, rowsPerSecond: ROWS / (appMs / 1000) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
