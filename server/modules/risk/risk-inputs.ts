import type { THealthRecordData } from "@/server/shared/dto/patient-record";
import type { RiskInputName, RiskInputs } from "./models/types";

/**
 * Turns what CarePath knows about a patient (sex, birth date, health record, latest measurements)
 * into model inputs. Pure: the service loads the data, this decides what it means.
 */

/** Indicators the models read, by LOINC code (CLINICAL.md §4), with the unit the models expect. */
export const RISK_INDICATORS = {
  sbpMmHg: { loinc: ["8480-6"], unit: "mmHg" },
  dbpMmHg: { loinc: ["8462-4"], unit: "mmHg" },
  heightCm: { loinc: ["8302-2"], unit: "cm" },
  weightKg: { loinc: ["29463-7", "3141-9"], unit: "kg" },
  bmi: { loinc: ["39156-5"], unit: "kg/m2" },
  waistCm: { loinc: ["8280-0"], unit: "cm" },
  tcMmolL: { loinc: ["14647-2", "2093-3"], unit: "mmol/L" },
  hdlMmolL: { loinc: ["14646-4", "2085-9"], unit: "mmol/L" },
  ldlMmolL: { loinc: ["13457-7", "18262-6", "22748-8"], unit: "mmol/L" },
  tgMmolL: { loinc: ["14927-8", "2571-8"], unit: "mmol/L" },
  fpgMmolL: { loinc: ["14771-0", "1558-6"], unit: "mmol/L" },
  ogtt2hMmolL: { loinc: ["14995-5"], unit: "mmol/L" },
  hba1cPercent: { loinc: ["4548-4"], unit: "%" },
  creatinineUmolL: { loinc: ["14682-9", "2160-0"], unit: "umol/L" },
  homocysteineUmolL: { loinc: ["13965-9"], unit: "umol/L" },
} as const satisfies Partial<Record<RiskInputName, { loinc: readonly string[]; unit: string }>>;
export type MeasuredInput = keyof typeof RISK_INDICATORS;

export const ALL_RISK_LOINC = Object.values(RISK_INDICATORS).flatMap((x) => x.loinc);

/** One measurement as the results domain stores it. */
export interface Measurement {
  loinc: string;
  value: number;
  unit: string;
  observedAt: Date;
}

export interface Provenance {
  value: number;
  unit: string;
  observedAt: string | null;
  source: "observation" | "record" | "patient" | "derived";
}

const norm = (u: string) => u.replace(/\s/g, "").replace("μ", "u").replace("µ", "u").replace("²", "2").toLowerCase();

/** Factor from the given unit to the model's unit; null when the units cannot be converted. */
export function unitFactor(input: MeasuredInput, unit: string): number | null {
  const want = norm(RISK_INDICATORS[input].unit);
  const got = norm(unit);
  if (got === want) return 1;
  // Cholesterol mg/dL → mmol/L (÷ 38.67), TG (÷ 88.57), glucose (÷ 18.016), creatinine mg/dL → μmol/L (× 88.4)
  if (got === "mg/dl") {
    if (input === "tcMmolL" || input === "hdlMmolL" || input === "ldlMmolL") return 1 / 38.67;
    if (input === "tgMmolL") return 1 / 88.57;
    if (input === "fpgMmolL" || input === "ogtt2hMmolL") return 1 / 18.016;
    if (input === "creatinineUmolL") return 88.4;
  }
  if (input === "heightCm" && got === "m") return 100;
  if (input === "hba1cPercent" && got === "mmol/mol") return null; // IFCC units need the master equation, not a factor
  return null;
}

export const RECORD_CONDITIONS = {
  diabetes: /糖尿病|diabet/i,
  hypertension: /高血压|hypertension/i,
  cvd: /冠心病|心肌梗|心梗|心绞痛|脑卒中|卒中|脑梗|脑出血|中风|心力衰竭|心衰|coronary|myocardial|angina|stroke|heart failure/i,
  diabetesComplication: /糖尿病.*(肾病|视网膜|神经病变|足)|diabetic (nephropathy|retinopathy|neuropathy|foot)/i,
};
// Antihypertensive classes by their generic-name stems (CCB -地平, ARB -沙坦, ACEI -普利, β-blocker -洛尔, diuretics).
export const ANTIHYPERTENSIVE = /地平|沙坦|普利|洛尔|噻嗪|吲达帕胺|螺内酯|dipine|sartan|pril\b|olol|thiazide|indapamide|spironolactone/i;
export const FIRST_DEGREE = new Set(["father", "mother", "sibling"]);

export function ageOn(birthDate: string, asOf: Date): number {
  const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
  let age = asOf.getUTCFullYear() - y;
  if (asOf.getUTCMonth() + 1 < m || (asOf.getUTCMonth() + 1 === m && asOf.getUTCDate() < d)) age--;
  return age;
}

export interface CollectedInputs {
  inputs: RiskInputs;
  provenance: Partial<Record<RiskInputName, Provenance>>;
  /** Measurements skipped because their unit cannot be converted (shown to the user). */
  unitMismatches: { input: MeasuredInput; unit: string }[];
}

/**
 * `measurements` may hold many per code: the latest one counts. Booleans from the health record are
 * only set when the record says something (a record that was never filled leaves them missing,
 * so models needing them answer "not assessable" instead of assuming "no").
 */
export function collectRiskInputs(src: { sex: "male" | "female" | "unknown"; birthDate: string | null; asOf: Date; record: THealthRecordData | null; measurements: Measurement[] }): CollectedInputs {
  const inputs: RiskInputs = {};
  const provenance: CollectedInputs["provenance"] = {};
  const unitMismatches: CollectedInputs["unitMismatches"] = [];
  if (src.sex !== "unknown") {
    inputs.sex = src.sex;
    provenance.sex = { value: src.sex === "male" ? 1 : 0, unit: "", observedAt: null, source: "patient" };
  }
  if (src.birthDate) {
    inputs.ageYears = ageOn(src.birthDate, src.asOf);
    provenance.ageYears = { value: inputs.ageYears, unit: "y", observedAt: null, source: "patient" };
  }
  const latest = new Map<string, Measurement>();
  for (const m of src.measurements) {
    const prev = latest.get(m.loinc);
    if (!prev || prev.observedAt < m.observedAt) latest.set(m.loinc, m);
  }
  for (const [name, def] of Object.entries(RISK_INDICATORS) as [MeasuredInput, (typeof RISK_INDICATORS)[MeasuredInput]][]) {
    const candidates = def.loinc.map((c) => latest.get(c)).filter((m): m is Measurement => !!m);
    const m = candidates.sort((a, b) => b.observedAt.getTime() - a.observedAt.getTime())[0];
    if (!m) continue;
    const factor = unitFactor(name, m.unit);
    if (factor === null) {
      unitMismatches.push({ input: name, unit: m.unit });
      continue;
    }
    const value = Math.round(m.value * factor * 1000) / 1000;
    inputs[name] = value;
    provenance[name] = { value, unit: def.unit, observedAt: m.observedAt.toISOString(), source: "observation" };
  }
  const r = src.record;
  if (r) {
    const conditions = r.pastHistory.map((h) => h.condition);
    const has = (re: RegExp) => conditions.some((c) => re.test(c));
    const recordFlag = (name: RiskInputName, value: boolean) => {
      (inputs as Record<string, unknown>)[name] = value;
      provenance[name] = { value: value ? 1 : 0, unit: "", observedAt: null, source: "record" };
    };
    recordFlag("diabetes", has(RECORD_CONDITIONS.diabetes));
    recordFlag("diabetesWithComplications", has(RECORD_CONDITIONS.diabetesComplication));
    recordFlag("hypertensionDiagnosed", has(RECORD_CONDITIONS.hypertension));
    recordFlag("clinicalCvd", has(RECORD_CONDITIONS.cvd));
    recordFlag("onAntihypertensive", r.medications.some((m) => ANTIHYPERTENSIVE.test(m.name)));
    recordFlag("familyHistoryDiabetes", r.familyHistory.some((f) => FIRST_DEGREE.has(f.relation) && RECORD_CONDITIONS.diabetes.test(f.condition)));
    recordFlag("familyHistoryPrematureCvd", r.familyHistory.some((f) => FIRST_DEGREE.has(f.relation) && RECORD_CONDITIONS.cvd.test(f.condition)));
    if (r.lifestyle.smoking) recordFlag("currentSmoker", r.lifestyle.smoking === "current");
  }
  return { inputs, provenance, unitMismatches };
}
