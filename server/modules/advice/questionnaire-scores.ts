import type { TenantDb } from "@/db/tenant";

/** The advice criteria's instrument names → the built-in form codes whose `total` score they read. */
const INSTRUMENT_FORMS = { "PHQ-9": "phq9", "GAD-7": "gad7" } as const;

interface StoredScore {
  id: string;
  value: number;
  answered: number;
}

/**
 * Latest questionnaire total per instrument (PHQ-9, GAD-7) from the patient's most recent completed
 * response to the built-in form, for advice matching. A response whose total was computed from no
 * answers does not count.
 */
export async function loadQuestionnaireScores(db: TenantDb, patientId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom("form_responses as r")
    .innerJoin("form_definitions as d", "d.id", "r.definition_id")
    .select(["d.code", "r.scores"])
    .distinctOn("d.code")
    .where("r.patient_id", "=", patientId)
    .where("r.status", "=", "completed")
    .where("d.code", "in", Object.values(INSTRUMENT_FORMS))
    .orderBy("d.code")
    .orderBy("r.completed_at", "desc")
    .execute();
  const out = new Map<string, number>();
  for (const [instrument, code] of Object.entries(INSTRUMENT_FORMS)) {
    const total = (rows.find((r) => r.code === code)?.scores as StoredScore[] | undefined)?.find((s) => s.id === "total");
    if (total && total.answered > 0) out.set(instrument, total.value);
  }
  return out;
}
