import { byWeight, missingInputs, populationCheck, round1, type RiskInputs, type RiskModel, type RiskResult } from "./types";

/**
 * 10-year general cardiovascular disease risk — Framingham 2008.
 * Source: D'Agostino RB Sr et al., "General cardiovascular risk profile for use in primary care:
 * the Framingham Heart Study", Circulation 2008;117:743–753, Table 2 (sex-specific Cox model):
 *   risk = 1 − S0 ^ exp(Σ βx − mean Σ βx), TC and HDL-C in mg/dL (mmol/L × 38.67), SBP in mmHg.
 *
 * Why not China-PAR: the issue asks for China-PAR (Yang X et al., Circulation 2016;134:1430) only
 * if its coefficients can be established exactly from the published supplement. They could not be
 * (the project's clinical notes do not carry them and public ports disagree with each other), so
 * CarePath implements Framingham 2008 instead rather than guessing numbers. Its calibration in
 * Chinese cohorts is poor; the strata applied below are the Chinese ones for 10-year risk
 * (<5 % low, 5–9.9 % medium, ≥10 % high; 2019 中国心血管病风险评估和管理指南).
 * Valid for ages 30–74 without established cardiovascular disease.
 */

export const MG_DL_PER_MMOL_L_CHOLESTEROL = 38.67;

interface Coefficients {
  lnAge: number;
  lnTc: number;
  lnHdl: number;
  lnSbpUntreated: number;
  lnSbpTreated: number;
  smoker: number;
  diabetes: number;
  s0: number;
  mean: number;
}

export const FRAMINGHAM_2008: Record<"male" | "female", Coefficients> = {
  male: { lnAge: 3.06117, lnTc: 1.1237, lnHdl: -0.93263, lnSbpUntreated: 1.93303, lnSbpTreated: 1.99881, smoker: 0.65451, diabetes: 0.57367, s0: 0.88936, mean: 23.9802 },
  female: { lnAge: 2.32888, lnTc: 1.20904, lnHdl: -0.70833, lnSbpUntreated: 2.76157, lnSbpTreated: 2.82263, smoker: 0.52873, diabetes: 0.69154, s0: 0.95012, mean: 26.1931 },
};

/**
 * Reference profile chosen by CarePath only to EXPLAIN a result, never to compute it: each factor's
 * weight is its log-hazard above this profile (TC 160 mg/dL, HDL-C 60 mg/dL, SBP 110 mmHg untreated,
 * non-smoker, no diabetes, and age 30 — the youngest age the model covers).
 */
const OPTIMAL = { tcMgDl: 160, hdlMgDl: 60, sbp: 110, age: 30 };

export const CVD_MEDIUM = 5;
export const CVD_HIGH = 10;

export function cvdLevel(percent: number): { level: "low" | "medium" | "high"; severity: 0 | 1 | 2 } {
  if (percent >= CVD_HIGH) return { level: "high", severity: 2 };
  if (percent >= CVD_MEDIUM) return { level: "medium", severity: 1 };
  return { level: "low", severity: 0 };
}

export const framinghamCvd2008: RiskModel = {
  id: "cvd10",
  version: "framingham-2008/1.0.0",
  source: "D'Agostino RB Sr et al., Circulation 2008;117:743 (Framingham general CVD, Table 2)",
  inputs: ["sex", "ageYears", "tcMmolL", "hdlMmolL", "sbpMmHg", "onAntihypertensive", "currentSmoker", "diabetes", "clinicalCvd"],
  required: ["sex", "ageYears", "tcMmolL", "hdlMmolL", "sbpMmHg", "onAntihypertensive", "currentSmoker", "diabetes"],
  population: { minAge: 30, maxAge: 74 },
  assess(inputs: RiskInputs): RiskResult {
    const missing = missingInputs(inputs, this.required);
    if (missing.length) return { status: "not_assessable", missing };
    const outside = populationCheck(this, inputs);
    if (outside) return outside;
    if (inputs.clinicalCvd) return { status: "out_of_population", reason: "establishedCvd", params: {} };
    const c = FRAMINGHAM_2008[inputs.sex!];
    const tc = inputs.tcMmolL! * MG_DL_PER_MMOL_L_CHOLESTEROL;
    const hdl = inputs.hdlMmolL! * MG_DL_PER_MMOL_L_CHOLESTEROL;
    const sbpBeta = inputs.onAntihypertensive ? c.lnSbpTreated : c.lnSbpUntreated;
    const terms = {
      age: c.lnAge * Math.log(inputs.ageYears!),
      tc: c.lnTc * Math.log(tc),
      hdl: c.lnHdl * Math.log(hdl),
      sbp: sbpBeta * Math.log(inputs.sbpMmHg!),
      smoker: inputs.currentSmoker ? c.smoker : 0,
      diabetes: inputs.diabetes ? c.diabetes : 0,
    };
    const sum = Object.values(terms).reduce((a, b) => a + b, 0);
    const risk = 1 - Math.pow(c.s0, Math.exp(sum - c.mean));
    const percent = round1(risk * 100);
    const { level, severity } = cvdLevel(percent);
    const factors = byWeight([
      { key: "age", weight: round3(terms.age - c.lnAge * Math.log(OPTIMAL.age)), params: { value: inputs.ageYears! } },
      { key: "sbp", weight: round3(terms.sbp - c.lnSbpUntreated * Math.log(OPTIMAL.sbp)), params: { value: inputs.sbpMmHg!, treated: inputs.onAntihypertensive ? 1 : 0 } },
      { key: "tc", weight: round3(terms.tc - c.lnTc * Math.log(OPTIMAL.tcMgDl)), params: { value: inputs.tcMmolL! } },
      { key: "hdl", weight: round3(terms.hdl - c.lnHdl * Math.log(OPTIMAL.hdlMgDl)), params: { value: inputs.hdlMmolL! } },
      { key: "smoker", weight: round3(terms.smoker) },
      { key: "diabetes", weight: round3(terms.diabetes) },
    ]);
    const recommendations = [
      ...(inputs.currentSmoker ? ["stopSmoking"] : []),
      ...(inputs.sbpMmHg! >= 140 ? ["bloodPressureControl"] : []),
      ...(inputs.tcMmolL! >= 6.2 || inputs.hdlMmolL! < 1.0 ? ["lipidReview"] : []),
      ...(severity >= 1 ? ["cvdLifestyle"] : []),
    ];
    return {
      status: "assessed",
      score: percent,
      scoreUnit: "%",
      level,
      severity,
      factors,
      explanation: [
        { key: "cvd10Percent", params: { percent, medium: CVD_MEDIUM, high: CVD_HIGH } },
        { key: "cvd10Model" },
      ],
      recommendations,
    };
  },
};

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
