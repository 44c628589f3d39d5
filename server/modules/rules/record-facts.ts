import { ANTIHYPERTENSIVE, FIRST_DEGREE, RECORD_CONDITIONS } from "@/server/modules/risk/risk-inputs";
import type { THealthRecordData } from "@/server/shared/dto/patient-record";

/**
 * The rule facts of a health record (`record.*`): categories, booleans and counts read from the
 * structured fields, never free text. Conditions are recognised the same way the risk models read
 * them (Chinese and English names). Stored in clear next to the sealed record by every writer, so
 * rule evaluation never needs to open records.
 */
export interface RecordFacts {
  smoking: "never" | "former" | "current" | null;
  drinking: "never" | "occasional" | "regular" | null;
  exerciseMinutesPerWeek: number | null;
  sleepHoursPerNight: number | null;
  hypertension: boolean;
  diabetes: boolean;
  cardiovascularDisease: boolean;
  onAntihypertensive: boolean;
  familyHistoryDiabetes: boolean;
  familyHistoryCardiovascular: boolean;
  allergyCount: number;
  medicationCount: number;
}

export function recordFacts(data: THealthRecordData): RecordFacts {
  const conditions = data.pastHistory.map((h) => h.condition);
  const has = (re: RegExp) => conditions.some((c) => re.test(c));
  const family = (re: RegExp) => data.familyHistory.some((f) => FIRST_DEGREE.has(f.relation) && re.test(f.condition));
  return {
    smoking: data.lifestyle.smoking ?? null,
    drinking: data.lifestyle.drinking ?? null,
    exerciseMinutesPerWeek: data.lifestyle.exerciseMinutesPerWeek ?? null,
    sleepHoursPerNight: data.lifestyle.sleepHoursPerNight ?? null,
    hypertension: has(RECORD_CONDITIONS.hypertension),
    diabetes: has(RECORD_CONDITIONS.diabetes),
    cardiovascularDisease: has(RECORD_CONDITIONS.cvd),
    onAntihypertensive: data.medications.some((m) => ANTIHYPERTENSIVE.test(m.name)),
    familyHistoryDiabetes: family(RECORD_CONDITIONS.diabetes),
    familyHistoryCardiovascular: family(RECORD_CONDITIONS.cvd),
    allergyCount: data.allergies.length,
    medicationCount: data.medications.length,
  };
}
