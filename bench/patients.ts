/**
 * Third benchmark's helper (run by bench/run.mjs through tsx, one JSON line on stdout):
 * - `seed`: provisions the tenant `bench-patients`, gives the demo admin a tenant_admin membership,
 *   seeds BENCH_PATIENTS (default 200,000) synthetic patients with seedDemoPatients(), and gives two
 *   of them 500 and 5 timeline events (rows shaped like addTimelineEvent() writes them).
 * - `prepare`: the search targets (a name, a phone and a card number that exist) with the exact SQL
 *   the patient.list service sends for each (its own patientListQuery(), same token functions and
 *   keyring), for the raw-SQL baseline in run.mjs.
 * - `360`: patient.byId + patient.timeline (what the 360 page loads) through createCaller, N times
 *   for each of the two patients; server time per page and the SQL statements each call sends.
 */
import type { Kysely } from "kysely";
import pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { migrateControl } from "@/db/migrate";
import { seedDemoPatients } from "@/db/seed/patients";
import { forTenant } from "@/db/tenant";
import type { ControlDatabase } from "@/db/types/control";
import { createCaller } from "@/server/api/root";
import { openField, openPatientKey } from "@/server/crypto/field-crypto";
import { getTenantKeyring } from "@/server/crypto/tenant-keys";
import type { PatientContext } from "@/server/modules/patient/patient-context";
import { patientListQuery } from "@/server/modules/patient/patient-list.query";
import { queryTokens } from "@/server/modules/patient/search-tokens";
import { ZPatientListInput } from "@/server/shared/dto/patient";
import { provisionTenant } from "@/server/tenancy/provision";
import { cliActor } from "../scripts/cli-database";

export const SLUG = "bench-patients";
const ADMIN = "admin@demo.carepath.local";
const EVENT_KINDS = ["note.added", "task.completed", "record.updated", "tag.added", "card.used"];

// Every statement sent to PostgreSQL, on any pooled client (Kysely runs all of them through Client#query).
let statements = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

async function adminId(handle: DatabaseHandle) {
  return (await handle.control.selectFrom("users").select(["id", "email", "display_name as name"]).where("email", "=", ADMIN).executeTakeFirstOrThrow());
}

/** The two 360 patients: the newest two seeded patients, tagged in their events' details. */
async function threeSixtyPatients(handle: DatabaseHandle) {
  const tdb = forTenant(handle.unsafeRoot, SLUG);
  const rows = await tdb
    .selectFrom("patient_events")
    .select(["patient_id", "details"])
    .where("kind", "=", "note.added")
    .where("details", "@>", JSON.stringify({ bench: true }) as never)
    .limit(2)
    .execute();
  const of = (events: number) => rows.find((r) => (r.details as { events?: number }).events === events)?.patient_id;
  return { many: of(500), few: of(5) };
}

async function seed(handle: DatabaseHandle) {
  const count = Number(process.env.BENCH_PATIENTS ?? 200_000);
  await migrateControl(handle);
  const admin = await adminId(handle);
  const tenant = await provisionTenant(handle, { slug: SLUG, name: "压测医院（患者）" }, cliActor("bench"));
  await handle.control.insertInto("memberships").values({ id: uuidv7(), user_id: admin.id, tenant_id: tenant.id, role: "tenant_admin" }).execute();
  const t0 = performance.now();
  const result = await seedDemoPatients(handle, SLUG, { count, seed: 4242 });
  const seedMs = performance.now() - t0;
  // Two patients: 2 seeded events each (patient.created, card.opened), topped up to 500 and 5.
  const tdb = forTenant(handle.unsafeRoot, SLUG);
  const [many, few] = await tdb.selectFrom("patients").select("id").orderBy("id", "desc").limit(2).execute();
  for (const [patient, total] of [[many!.id, 500], [few!.id, 5]] as const) {
    const rows = Array.from({ length: total - 2 }, (_, i) => ({
      id: uuidv7(),
      patient_id: patient,
      kind: i === 0 ? "note.added" : EVENT_KINDS[i % EVENT_KINDS.length]!,
      actor_user_id: admin.id,
      details: JSON.stringify(i === 0 ? { bench: true, events: total } : { n: i }),
    }));
    for (let s = 0; s < rows.length; s += 200) await tdb.insertInto("patient_events").values(rows.slice(s, s + 200)).execute();
  }
  console.log(JSON.stringify({ count: result.created, seedMs }));
}

async function prepare(handle: DatabaseHandle) {
  const tenant = await handle.control.selectFrom("tenants").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
  const ring = await getTenantKeyring(handle.control as Kysely<ControlDatabase>, tenant.id);
  const admin = await adminId(handle);
  const { few } = await threeSixtyPatients(handle);
  const caller = createCaller({
    database: handle,
    user: { id: admin.id, email: admin.email, name: admin.name, isPlatformOperator: false, sessionId: "bench" },
    meta: { requestId: "bench", ip: "127.0.0.1", userAgent: "carepath-bench", locale: "en" },
    requestedTenant: SLUG,
  });
  // Real values of one seeded patient: its full name and card number, opened with the tenant keyring.
  const tdb0 = forTenant(handle.unsafeRoot, SLUG);
  const row = await tdb0.selectFrom("patients").select(["key_sealed", "name_sealed"]).where("id", "=", few!).executeTakeFirstOrThrow();
  const cardRow = await tdb0.selectFrom("member_cards").select(["id", "card_no_sealed"]).where("patient_id", "=", few!).executeTakeFirstOrThrow();
  const key = openPatientKey(ring, few!, row.key_sealed!);
  const fullName = openField(key, row.name_sealed, { tenantId: tenant.id, table: "patients", column: "name", rowId: few! });
  const card = openField(key, cardRow.card_no_sealed, { tenantId: tenant.id, table: "member_cards", column: "card_no", rowId: cardRow.id });
  const phone = "17001000042";
  const tdb = forTenant(handle.unsafeRoot, SLUG);
  // The statement listPatients() sends for `q` (the demo admin's role, default sort, limit 20): the
  // page with its cards, tags and manager names, built by the service's own patientListQuery().
  const listContext: PatientContext = {
    db: tdb,
    actor: { userId: admin.id, role: "tenant_admin", tenantId: tenant.id, requestId: "bench", ip: null, userAgent: null },
    role: "tenant_admin",
    tenant: { id: tenant.id, slug: SLUG },
    database: handle,
  };
  const compiled = (q: string) => {
    const c = patientListQuery(listContext, tdb, ZPatientListInput.parse({ q, limit: 20 }), queryTokens(ring, q), null).compile();
    return { q, sql: c.sql, parameters: c.parameters };
  };
  const searches = { name: compiled(fullName), surname: compiled([...fullName][0]!), phone: compiled(phone), card: compiled(card) };
  // Statements one patient.list call sends, for the report.
  const before = statements;
  const found = await caller.patient.list({ q: phone, limit: 20 } as never);
  const listStatements = statements - before;
  if (!(found as { items: unknown[] }).items.length) throw new Error(`the phone ${phone} found nobody`);
  console.log(JSON.stringify({ searches, listStatements }));
}

async function threeSixty(handle: DatabaseHandle) {
  const n = Number(process.env.BENCH_360_N ?? 200);
  const admin = await adminId(handle);
  const { many, few } = await threeSixtyPatients(handle);
  const caller = createCaller({
    database: handle,
    user: { id: admin.id, email: admin.email, name: admin.name, isPlatformOperator: false, sessionId: "bench" },
    meta: { requestId: "bench", ip: "127.0.0.1", userAgent: "carepath-bench", locale: "en" },
    requestedTenant: SLUG,
  });
  const page = async (id: string) => {
    const s0 = statements;
    await caller.patient.byId({ patientId: id });
    const s1 = statements;
    await caller.patient.timeline({ patientId: id, limit: 20 });
    return { byId: s1 - s0, timeline: statements - s1 };
  };
  const out: Record<string, { times: number[]; statements: { byId: number; timeline: number } }> = {};
  for (const id of [many!, few!]) await page(id); // warm-up
  const times: Record<string, number[]> = { many: [], few: [] };
  let counts: Record<string, { byId: number; timeline: number }> = {};
  for (let i = 0; i < n; i++) {
    for (const [label, id] of [["many", many!], ["few", few!]] as const) {
      const t0 = performance.now();
      counts = { ...counts, [label]: await page(id) };
      times[label]!.push(performance.now() - t0);
    }
  }
  for (const label of ["many", "few"]) out[label] = { times: times[label]!, statements: counts[label]! };
  const events = forTenant(handle.unsafeRoot, SLUG);
  const eventCounts = await events.selectFrom("patient_events").select(["patient_id", (eb) => eb.fn.countAll<string>().as("n")]).where("patient_id", "in", [many!, few!]).groupBy("patient_id").execute();
  console.log(JSON.stringify({ n, ...out, events: Object.fromEntries(eventCounts.map((r) => [r.patient_id === many ? "many" : "few", Number(r.n)])) }));
}

async function main() {
  const mode = process.argv[2];
  const handle = await openDatabase({ url: process.env.DATABASE_URL, poolSize: 4 });
  try {
    if (mode === "seed") await seed(handle);
    else if (mode === "prepare") await prepare(handle);
    else if (mode === "360") await threeSixty(handle);
    else throw new Error(`unknown mode ${mode}`);
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
