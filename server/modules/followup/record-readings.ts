import type { TenantDb } from "@/db/tenant";
import type { SealingKey } from "@/server/crypto/secret-box";
import type { PatientContext } from "@/server/modules/patient/patient-context";
import { badInput, isoDate } from "@/server/modules/patient/patient-context";
import { loadCatalogue } from "@/server/modules/results/catalogue.repository";
import { ObservationsRejected, writeObservations } from "@/server/modules/results/observation-writer";
import type { PatientFacts } from "@/server/modules/results/rules/prepare-observation";
import type { Reading } from "./rules/guideline";

/** Reading → catalogue indicator (unit is the catalogue's own). */
const READING_CODES = [
  { field: "systolicMmHg", code: "SBP", unit: "mmHg" },
  { field: "diastolicMmHg", code: "DBP", unit: "mmHg" },
  { field: "fastingGlucoseMmolL", code: "FPG", unit: "mmol/L" },
] as const;

/**
 * BP and glucose taken during a follow-up become observations through the results domain's writer
 * (same unit handling, plausibility, range, flag and after-write hook — an SBP of 185 opens its
 * 重要异常结果 item in this transaction). Source: the follow-up record. Returns the observation ids.
 */
export async function writeFollowupReadings(
  trx: TenantDb,
  ctx: PatientContext,
  patient: { id: string; sex: PatientFacts["sex"]; birth_date: Date | string | null },
  key: SealingKey | null,
  recordId: string,
  readings: Reading,
  observedAt: Date,
): Promise<string[]> {
  const taken = READING_CODES.filter((r) => readings[r.field] != null);
  if (taken.length === 0) return [];
  const catalogue = await loadCatalogue(trx);
  try {
    const written = await writeObservations(
      trx,
      { tenantId: ctx.tenant.id, actor: ctx.actor },
      {
        patient: { id: patient.id, sex: patient.sex, birthDate: isoDate(patient.birth_date), key },
        reportId: null,
        sourceKind: "followup",
        sourceId: recordId,
        drafts: taken.map((r) => ({ indicator: catalogue.find(r.code)!, observedAt, value: String(readings[r.field]), unit: r.unit })),
      },
    );
    return written.map((w) => w.id);
  } catch (error) {
    if (error instanceof ObservationsRejected) throw badInput("readingImplausible");
    throw error;
  }
}
