import type { TenantDb } from "@/db/tenant";
import { ALL_RISK_LOINC, type Measurement } from "./risk-inputs";

/**
 * The measurements the risk models and plan goals read, for a page of patients: numeric, non-cancelled
 * observations of the indicators in RISK_INDICATORS (matched by the catalogue's LOINC code), in the
 * catalogue unit the results domain normalised them to.
 */
export async function loadRiskMeasurements(db: TenantDb, patientIds: string[]): Promise<Map<string, Measurement[]>> {
  const out = new Map<string, Measurement[]>(patientIds.map((id) => [id, []]));
  if (patientIds.length === 0) return out;
  const rows = await db
    .selectFrom("observations as o")
    .innerJoin("indicators as i", "i.id", "o.indicator_id")
    .select(["o.patient_id", "i.loinc", "i.unit", "o.value_num", "o.observed_at"])
    .where("o.patient_id", "in", patientIds)
    .where("i.loinc", "in", ALL_RISK_LOINC)
    .where("o.value_num", "is not", null)
    .where("o.status", "!=", "cancelled")
    .orderBy("o.observed_at")
    .execute();
  for (const r of rows) out.get(r.patient_id)?.push({ loinc: r.loinc!, value: r.value_num!, unit: r.unit, observedAt: r.observed_at });
  return out;
}
