/**
 * The documented patient facts a rule condition may read (json-logic `{"var": "<name>"}`).
 * Facts are one nested object per patient, e.g. `{ age: 56, sex: "male", indicator: { SBP: { value: 135 } } }`;
 * json-logic resolves dotted names into it. A missing value is null — a condition on it is false
 * (json-logic compares null as 0 for < and >, so seeded rules guard with `!!` / "!= null" where needed).
 * Isomorphic: the rule editor's fact picker reads the same lists.
 */
export type FactType = "number" | "string" | "string[]" | "boolean";

export interface FactSpec {
  name: string;
  type: FactType;
  /** Allowed values of a string fact (for the condition builder). */
  values?: readonly string[];
  /** Unit of a number fact ("y", "d", "mmHg" …); absent for counts and scores. */
  unit?: string;
}

export const STATIC_FACTS: readonly FactSpec[] = [
  { name: "age", type: "number", unit: "y" },
  { name: "sex", type: "string", values: ["male", "female", "unknown"] },
  { name: "card.level", type: "string" },
  { name: "tags", type: "string[]" },
  { name: "daysSinceLastContact", type: "number", unit: "d" },
  /** Indicators whose latest value carries an abnormal flag (H, L, HH, LL, A). */
  { name: "abnormal.flaggedCount", type: "number" },
  { name: "abnormal.flaggedCodes", type: "string[]" },
];

/** The health record's structured fields (server/modules/rules/record-facts.ts). */
export const RECORD_FACTS: readonly FactSpec[] = [
  { name: "record.smoking", type: "string", values: ["never", "former", "current"] },
  { name: "record.drinking", type: "string", values: ["never", "occasional", "regular"] },
  { name: "record.exerciseMinutesPerWeek", type: "number", unit: "min" },
  { name: "record.sleepHoursPerNight", type: "number", unit: "h" },
  { name: "record.hypertension", type: "boolean" },
  { name: "record.diabetes", type: "boolean" },
  { name: "record.cardiovascularDisease", type: "boolean" },
  { name: "record.onAntihypertensive", type: "boolean" },
  { name: "record.familyHistoryDiabetes", type: "boolean" },
  { name: "record.familyHistoryCardiovascular", type: "boolean" },
  { name: "record.allergyCount", type: "number" },
  { name: "record.medicationCount", type: "number" },
];

/**
 * Current risk assessment per model (server/modules/risk): `level` is the model's category code,
 * `severity` 0 normal · 1 attention · 2 high · 3 critical, `score` the headline number in `unit`.
 * Only assessed results count; "not assessable" leaves all three null.
 */
export const RISK_FACT_MODELS: readonly { id: string; levels: readonly string[]; unit: string }[] = [
  { id: "cdrs", levels: ["low", "high"], unit: "points" },
  { id: "cvd10", levels: ["low", "medium", "high"], unit: "%" },
  { id: "hypertension", levels: ["normal", "high_normal", "low", "medium", "medium_high", "high", "high_very_high", "very_high"], unit: "mmHg" },
  { id: "body", levels: ["underweight", "normal", "overweight", "obese", "underweight_central", "normal_central", "overweight_central"], unit: "kg/m²" },
  { id: "metabolic_syndrome", levels: ["absent", "partial", "present"], unit: "criteria" },
  { id: "ckd", levels: ["G1", "G2", "G3a", "G3b", "G4", "G5"], unit: "mL/min/1.73m²" },
];

export function riskFacts(): FactSpec[] {
  return RISK_FACT_MODELS.flatMap((m) => [
    { name: `risk.${m.id}.level`, type: "string" as const, values: m.levels },
    { name: `risk.${m.id}.severity`, type: "number" as const },
    { name: `risk.${m.id}.score`, type: "number" as const, unit: m.unit },
  ]);
}

/** Per indicator code (results catalogue): latest value, its flag, the direction since the previous value, its age in days. */
export const INDICATOR_FIELDS: readonly FactSpec[] = [
  { name: "value", type: "number" },
  { name: "flag", type: "string", values: ["H", "L", "HH", "LL", "A"] },
  { name: "trend", type: "string", values: ["rising", "falling", "stable"] },
  { name: "daysAgo", type: "number", unit: "d" },
];

export interface FactUniverse {
  /** Numeric indicators of the tenant's catalogue with their catalogue unit. */
  indicators: readonly { code: string; unit: string }[];
  /** `score.<formCode>.<scoreId>`: the latest completed response's score. */
  scores: readonly { formCode: string; scoreId: string }[];
}

/** Every fact name the universe allows, with its type and unit. */
export function allFacts(universe: FactUniverse): FactSpec[] {
  return [
    ...STATIC_FACTS,
    ...RECORD_FACTS,
    ...riskFacts(),
    ...universe.indicators.flatMap((ind) => INDICATOR_FIELDS.map((f) => ({ ...f, name: `indicator.${ind.code}.${f.name}`, ...(f.name === "value" && ind.unit ? { unit: ind.unit } : {}) }))),
    ...universe.scores.map((s) => ({ name: `score.${s.formCode}.${s.scoreId}`, type: "number" as const })),
  ];
}
