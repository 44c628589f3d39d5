/**
 * The shared benchmark tenant `bench-risk`: BENCH_RISK_PATIENTS (default 100,000) synthetic patients,
 * each with a sealed health record (and its rule facts) and 12 observations (BP, height, weight, waist,
 * lipids, glucose, creatinine). Seeded once; later runs reuse it. Used by the risk and rules benchmarks.
 */
import { sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import { migrateControl } from "@/db/migrate";
import { seedDemoPatients } from "@/db/seed/patients";
import { forTenant } from "@/db/tenant";
import { openPatientKey, sealField } from "@/server/crypto/field-crypto";
import { getTenantKeyring } from "@/server/crypto/tenant-keys";
import { recordFacts } from "@/server/modules/rules/record-facts";
import { ZHealthRecordData } from "@/server/shared/dto/patient-record";
import { provisionTenant } from "@/server/tenancy/provision";
import { cliActor } from "../scripts/cli-database";

export const SLUG = "bench-risk";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export async function seedRiskTenant(handle: DatabaseHandle, count: number) {
  await migrateControl(handle);
  const exists = await handle.control.selectFrom("tenants").select("id").where("slug", "=", SLUG).executeTakeFirst();
  if (!exists) await provisionTenant(handle, { slug: SLUG, name: "风险压测医院" }, cliActor("bench"));
  const tenant = await handle.control.selectFrom("tenants").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
  const tdb = forTenant(handle.unsafeRoot, SLUG);
  const have = Number((await tdb.selectFrom("health_records").select((e) => e.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  if (have >= count) return { seeded: false };
  await seedDemoPatients(handle, SLUG, { count, seed: 7 });
  const ring = await getTenantKeyring(handle.control, tenant.id);
  const indicators = new Map((await tdb.selectFrom("indicators").select(["id", "code"]).execute()).map((r) => [r.code, r.id]));
  const rand = rng(99);
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const all = await tdb.selectFrom("patients").select(["id", "key_sealed", "sex"]).where("id", ">", after).orderBy("id").limit(5000).execute();
    if (!all.length) break;
    after = all[all.length - 1]!.id;
    // Patients the demo seeder already gave a record keep theirs (and get no synthetic results).
    const taken = new Set((await tdb.selectFrom("health_records").select("patient_id").where("patient_id", "in", all.map((p) => p.id)).execute()).map((r) => r.patient_id));
    const page = all.filter((p) => !taken.has(p.id));
    if (!page.length) continue;
    const records = [];
    const obs: { id: string[]; patient: string[]; indicator: string[]; at: string[]; value: number[] } = { id: [], patient: [], indicator: [], at: [], value: [] };
    for (const p of page) {
      const key = openPatientKey(ring, p.id, p.key_sealed!);
      const data = { pastHistory: rand() < 0.3 ? [{ condition: "高血压" }] : [], medications: rand() < 0.25 ? [{ name: "氨氯地平" }] : [], familyHistory: rand() < 0.2 ? [{ relation: "father", condition: "糖尿病" }] : [], allergies: [], surgeries: [], lifestyle: { smoking: rand() < 0.3 ? "current" : "never" } };
      records.push({
        patient_id: p.id,
        version: 1,
        data_sealed: sealField(key, JSON.stringify(data), { tenantId: tenant.id, table: "health_records", column: "data", rowId: `${p.id}:1` }),
        facts: JSON.stringify(recordFacts(ZHealthRecordData.parse(data))),
        updated_by: null,
      });
      const add = (code: string, value: number, daysAgo: number) => {
        obs.id.push(uuidv7());
        obs.patient.push(p.id);
        obs.indicator.push(indicators.get(code)!);
        obs.at.push(new Date(Date.now() - daysAgo * 86_400_000).toISOString());
        obs.value.push(Math.round(value * 100) / 100);
      };
      const sbp = 105 + rand() * 70;
      add("SBP", sbp + 5, 200);
      add("SBP", sbp, 20);
      add("DBP", 65 + rand() * 35, 20);
      add("HEIGHT", 150 + rand() * 35, 200);
      add("WEIGHT", 48 + rand() * 45, 200);
      add("WEIGHT", 48 + rand() * 45, 20);
      add("WAIST", 65 + rand() * 40, 20);
      add("TC", 3.5 + rand() * 3.5, 20);
      add("HDLC", 0.8 + rand() * 1.0, 20);
      add("TG", 0.6 + rand() * 2.6, 20);
      add("FPG", 4.4 + rand() * 3.4, 20);
      add("CREA", 50 + rand() * 90, 20);
    }
    await tdb.insertInto("health_records").values(records).execute();
    await sql`insert into ${sql.table(`t_${SLUG.replace(/-/g, "_")}.observations`)} (id, patient_id, indicator_id, observed_at, value_num, original_value, source_kind)
      select i, p, ind, at, v, v::text, 'manual' from unnest(${obs.id}::uuid[], ${obs.patient}::uuid[], ${obs.indicator}::uuid[], ${obs.at}::timestamptz[], ${obs.value}::float8[]) as t(i, p, ind, at, v)`.execute(handle.unsafeRoot);
  }
  await sql`analyze ${sql.table(`t_${SLUG.replace(/-/g, "_")}.observations`)}`.execute(handle.unsafeRoot);
  return { seeded: true };
}
