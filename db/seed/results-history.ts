import type { Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { ControlDatabase } from "@/db/types/control";
import type { AuditActor } from "@/server/audit/record";
import { blindIndex } from "@/server/crypto/blind-index";
import { getTenantKeyring } from "@/server/crypto/tenant-keys";
import { loadCatalogue } from "@/server/modules/results/catalogue.repository";
import { writeObservations } from "@/server/modules/results/observation-writer";

/**
 * Ten years of yearly check-ups for the first demo patients (phones 1700100000x), written through the
 * real observation writer, so trends, warnings and 重要异常结果 items have something to show. Patient
 * 0 is the showcase: blood pressure creeping up, fasting glucose rising while still normal, eGFR
 * falling by more than a quarter, ALT doubling, BMI crossing 24, LDL-C reaching class B. Its trend
 * warnings are the eGFR fall (97 → 69 within the five-year look-back) and the ALT doubling; glucose
 * rises by ≈0.2 mmol/L a year (the warning needs 0.5) and BMI crossed 24 one check-up before the last,
 * so those two do not warn.
 * Idempotent: a tenant that already has observations is left alone.
 */
const PATIENTS = 10;
const YEARS = 10;

const seedActor: AuditActor = { userId: null, role: "system", tenantId: null, requestId: "demo-seed", ip: null, userAgent: "carepath seed" };

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Patient 0's values per year (oldest first). */
const SHOWCASE: Record<string, number[]> = {
  SBP: [122, 124, 123, 127, 129, 131, 134, 141, 146, 152],
  DBP: [78, 79, 78, 80, 82, 83, 85, 89, 91, 94],
  HR: [72, 70, 74, 73, 71, 75, 76, 74, 78, 77],
  WEIGHT: [68.5, 69.2, 70.1, 71.0, 71.8, 72.5, 73.9, 75.2, 76.8, 78.4],
  BMI: [22.4, 22.6, 22.9, 23.2, 23.4, 23.6, 23.8, 23.9, 24.5, 25.6],
  FPG: [4.8, 4.7, 4.9, 4.8, 5.0, 4.9, 5.0, 4.9, 5.4, 5.95],
  HBA1C: [5.2, 5.2, 5.3, 5.3, 5.4, 5.4, 5.5, 5.5, 5.7, 5.9],
  TC: [4.6, 4.7, 4.8, 4.9, 5.0, 5.1, 5.3, 5.5, 5.8, 6.1],
  TG: [1.2, 1.3, 1.3, 1.4, 1.5, 1.5, 1.6, 1.8, 1.9, 2.1],
  LDLC: [2.9, 3.0, 3.1, 3.1, 3.3, 3.4, 3.6, 3.8, 3.9, 4.3],
  HDLC: [1.35, 1.32, 1.3, 1.28, 1.25, 1.22, 1.2, 1.15, 1.1, 1.05],
  ALT: [21, 24, 22, 25, 23, 26, 24, 22, 23, 49],
  AST: [22, 23, 21, 24, 22, 25, 23, 24, 22, 38],
  CREA: [76, 77, 78, 79, 80, 84, 89, 95, 101, 108],
  EGFR: [101, 100, 99, 98, 97, 92, 86, 80, 75, 69],
  UA: [350, 360, 355, 372, 380, 390, 398, 405, 412, 418],
  HB: [148, 150, 147, 149, 151, 148, 146, 147, 145, 144],
  PLT: [230, 225, 240, 235, 228, 232, 226, 238, 229, 231],
};

/** Everyone else: a stable personal baseline with small yearly drift and noise. */
function synthetic(rand: () => number): Record<string, number[]> {
  const base = (lo: number, hi: number) => lo + rand() * (hi - lo);
  const series = (start: number, drift: number, noise: number, digits: number) =>
    Array.from({ length: YEARS }, (_, i) => Math.round((start + drift * i + (rand() - 0.5) * noise) * 10 ** digits) / 10 ** digits);
  return {
    SBP: series(base(108, 138), base(-0.5, 2.5), 8, 0),
    DBP: series(base(66, 86), base(-0.3, 1.2), 6, 0),
    HR: series(base(60, 84), 0, 8, 0),
    WEIGHT: series(base(50, 85), base(-0.3, 0.8), 1.5, 1),
    BMI: series(base(19, 27), base(-0.1, 0.3), 0.5, 1),
    FPG: series(base(4.3, 5.8), base(-0.02, 0.12), 0.4, 2),
    TC: series(base(3.8, 5.6), base(-0.02, 0.08), 0.4, 2),
    TG: series(base(0.7, 2.0), base(-0.02, 0.06), 0.4, 2),
    LDLC: series(base(2.0, 3.6), base(-0.02, 0.06), 0.3, 2),
    HDLC: series(base(1.0, 1.7), base(-0.02, 0.01), 0.15, 2),
    ALT: series(base(12, 38), 0, 10, 0),
    EGFR: series(base(80, 110), base(-1.5, 0), 5, 0),
    HB: series(base(125, 155), 0, 8, 0),
  };
}

export async function seedDemoResults(handle: DatabaseHandle, tenantSlug: string): Promise<{ observations: number; skipped: boolean }> {
  const tenant = await handle.control.selectFrom("tenants").select("id").where("slug", "=", tenantSlug).executeTakeFirstOrThrow();
  const tdb = forTenant(handle.unsafeRoot, tenantSlug);
  if (await tdb.selectFrom("observations").select("id").limit(1).executeTakeFirst()) return { observations: 0, skipped: true };
  const ring = await getTenantKeyring(handle.control as Kysely<ControlDatabase>, tenant.id);
  const catalogue = await loadCatalogue(tdb);
  const rand = rng(4242);
  const now = Date.now();
  const ctx = { tenantId: tenant.id, actor: { ...seedActor, tenantId: tenant.id } };
  let observations = 0;
  for (let n = 0; n < PATIENTS; n++) {
    const phone = `1700100${String(n).padStart(4, "0")}`;
    const p = await tdb.selectFrom("patients").select(["id", "sex", "birth_date"]).where("phone_bidx", "=", blindIndex(ring.indexKey, "phone", phone)).executeTakeFirst();
    if (!p) continue;
    const values = n === 0 ? SHOWCASE : synthetic(rand);
    const birthDate = p.birth_date instanceof Date ? p.birth_date.toISOString().slice(0, 10) : (p.birth_date as string | null);
    // One check-up a year, the latest about a month ago. Patient 0's last two check-ups are exam
    // reports (for the compare view); everything else is written in one call per patient, because
    // the demo seed runs at first start and must stay quick.
    const at = (y: number) => new Date(now - ((YEARS - 1 - y) * 365 + 30 + n) * 86_400_000);
    const draftsFor = (years: number[]) =>
      years.flatMap((y) =>
        Object.entries(values)
          .filter(([code]) => catalogue.find(code))
          .map(([code, series]) => ({ indicator: catalogue.find(code)!, observedAt: at(y), value: String(series[y]), unit: catalogue.find(code)!.unit })),
      );
    const reported = n === 0 ? [YEARS - 2, YEARS - 1] : [];
    const batches: { years: number[]; report: boolean }[] = [
      { years: Array.from({ length: YEARS }, (_, y) => y).filter((y) => !reported.includes(y)), report: false },
      ...reported.map((y) => ({ years: [y], report: true })),
    ];
    await tdb.transaction().execute(async (trx) => {
      for (const batch of batches) {
        let reportId: string | null = null;
        if (batch.report) {
          reportId = uuidv7();
          await trx.insertInto("exam_reports").values({ id: reportId, patient_id: p.id, source: "demo", external_id: `demo-${n}-${batch.years[0]}`, exam_date: at(batch.years[0]!).toISOString().slice(0, 10) }).execute();
        }
        const written = await writeObservations(trx, ctx, { patient: { id: p.id, sex: p.sex, birthDate, key: null }, reportId, sourceKind: "import", sourceId: null, drafts: draftsFor(batch.years) });
        observations += written.length;
      }
    });
  }
  return { observations, skipped: false };
}
