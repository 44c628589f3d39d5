/**
 * Shared vocabulary of the risk models. Everything in `models/` is pure (no I/O, no clock, no
 * randomness) and isomorphic: the patient page's "what if" panel runs the very same functions.
 */

/** Model inputs, all optional; units are part of the name. */
export interface RiskInputs {
  sex?: "male" | "female";
  ageYears?: number;
  sbpMmHg?: number;
  dbpMmHg?: number;
  heightCm?: number;
  weightKg?: number;
  /** Measured BMI; when absent it is derived from height and weight. */
  bmi?: number;
  waistCm?: number;
  tcMmolL?: number;
  hdlMmolL?: number;
  ldlMmolL?: number;
  tgMmolL?: number;
  fpgMmolL?: number;
  ogtt2hMmolL?: number;
  hba1cPercent?: number;
  creatinineUmolL?: number;
  homocysteineUmolL?: number;
  currentSmoker?: boolean;
  onAntihypertensive?: boolean;
  diabetes?: boolean;
  /** Diabetes with target-organ complications (nephropathy, retinopathy…). */
  diabetesWithComplications?: boolean;
  hypertensionDiagnosed?: boolean;
  familyHistoryDiabetes?: boolean;
  familyHistoryPrematureCvd?: boolean;
  /** Established clinical cardiovascular or renal disease (CHD, stroke, heart failure…). */
  clinicalCvd?: boolean;
}
export type RiskInputName = keyof RiskInputs;

export const RISK_MODEL_IDS = ["cdrs", "cvd10", "hypertension", "body", "metabolic_syndrome", "ckd"] as const;
export type RiskModelId = (typeof RISK_MODEL_IDS)[number];

/** Colour and ordering shared by all models: 0 normal, 1 attention, 2 high, 3 critical. */
export type Severity = 0 | 1 | 2 | 3;

/** A contributing factor: `weight` is in the model's own unit (points, log-hazard, criteria). */
export interface RiskFactor {
  key: string;
  weight: number;
  /** Parameters for the localised label (values with units). */
  params?: Record<string, string | number>;
}

export interface Assessed {
  status: "assessed";
  /** The headline number (points, %, mL/min/1.73 m², kg/m², mmHg, criteria met). */
  score: number;
  scoreUnit: string;
  /** Model-specific category code, localised as `risk.level.<model>.<level>`. */
  level: string;
  severity: Severity;
  /** In order of weight, largest first. */
  factors: RiskFactor[];
  /** Localisation keys (`risk.explain.<key>`) with parameters, in reading order. */
  explanation: { key: string; params?: Record<string, string | number> }[];
  /** Localisation keys of concrete recommendations (`risk.recommend.<key>`). */
  recommendations: string[];
}

export interface NotAssessable {
  status: "not_assessable";
  missing: RiskInputName[];
}

export interface OutOfPopulation {
  status: "out_of_population";
  /** Localisation key `risk.population.<reason>` with parameters. */
  reason: string;
  params: Record<string, string | number>;
}

export type RiskResult = Assessed | NotAssessable | OutOfPopulation;

export interface RiskModel {
  id: RiskModelId;
  /** Semantic version of the implementation; stored with every assessment. */
  version: string;
  /** The publication the numbers come from. */
  source: string;
  /** Inputs the model reads (required ones are checked in `assess`). */
  inputs: readonly RiskInputName[];
  required: readonly RiskInputName[];
  population: { minAge?: number; maxAge?: number; sexes?: readonly ("male" | "female")[] };
  assess(inputs: RiskInputs): RiskResult;
}

/** Missing required inputs, in declaration order. */
export function missingInputs(inputs: RiskInputs, required: readonly RiskInputName[]): RiskInputName[] {
  return required.filter((name) => inputs[name] === undefined || inputs[name] === null || (typeof inputs[name] === "number" && !Number.isFinite(inputs[name])));
}

/** Age outside the declared population → out_of_population (never extrapolated). */
export function populationCheck(model: Pick<RiskModel, "population">, inputs: RiskInputs): OutOfPopulation | null {
  const { minAge, maxAge } = model.population;
  const age = inputs.ageYears;
  if (age !== undefined && ((minAge !== undefined && age < minAge) || (maxAge !== undefined && age > maxAge))) {
    return { status: "out_of_population", reason: "age", params: { age, min: minAge ?? 0, max: maxAge ?? 120 } };
  }
  return null;
}

export function byWeight(factors: RiskFactor[]): RiskFactor[] {
  return factors.filter((f) => f.weight !== 0).sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
}

/** BMI from a measured value or height + weight, rounded to 0.1 as reported clinically. */
export function bmiOf(inputs: RiskInputs): number | undefined {
  if (inputs.bmi !== undefined) return inputs.bmi;
  if (inputs.heightCm && inputs.weightKg) return Math.round((inputs.weightKg / (inputs.heightCm / 100) ** 2) * 10) / 10;
  return undefined;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
