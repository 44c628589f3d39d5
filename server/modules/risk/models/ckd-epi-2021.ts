import { missingInputs, populationCheck, type RiskInputs, type RiskModel, type RiskResult, type Severity } from "./types";

/**
 * eGFR by the race-free CKD-EPI 2021 creatinine equation (Inker LA et al., NEJM 2021;385:1737):
 *   eGFR = 142 × min(Scr/κ, 1)^α × max(Scr/κ, 1)^−1.200 × 0.9938^age × 1.012 [if female]
 *   κ = 0.7 (F) / 0.9 (M), α = −0.241 (F) / −0.302 (M), Scr in mg/dL = μmol/L ÷ 88.4.
 * GFR categories per KDIGO 2012: G1 ≥90, G2 60–89, G3a 45–59, G3b 30–44, G4 15–29, G5 <15.
 * Adults (≥18 y). G1/G2 are CKD only with markers of kidney damage (albuminuria etc.), which this
 * model does not see, so they are reported as GFR categories, not as a CKD diagnosis.
 */

export const UMOL_L_PER_MG_DL_CREATININE = 88.4;

export function egfrCkdEpi2021(sex: "male" | "female", ageYears: number, creatinineUmolL: number): number {
  const scr = creatinineUmolL / UMOL_L_PER_MG_DL_CREATININE;
  const kappa = sex === "female" ? 0.7 : 0.9;
  const alpha = sex === "female" ? -0.241 : -0.302;
  const ratio = scr / kappa;
  return 142 * Math.pow(Math.min(ratio, 1), alpha) * Math.pow(Math.max(ratio, 1), -1.2) * Math.pow(0.9938, ageYears) * (sex === "female" ? 1.012 : 1);
}

export type GfrCategory = "G1" | "G2" | "G3a" | "G3b" | "G4" | "G5";

/** Category of a rounded eGFR (integer, as laboratories report it). */
export function gfrCategory(egfr: number): GfrCategory {
  if (egfr >= 90) return "G1";
  if (egfr >= 60) return "G2";
  if (egfr >= 45) return "G3a";
  if (egfr >= 30) return "G3b";
  if (egfr >= 15) return "G4";
  return "G5";
}

/** 1–5 as used by the hypertension stratification (G3a and G3b are both stage 3). */
export function ckdStageNumber(category: GfrCategory): number {
  return { G1: 1, G2: 2, G3a: 3, G3b: 3, G4: 4, G5: 5 }[category];
}

const SEVERITY: Record<GfrCategory, Severity> = { G1: 0, G2: 0, G3a: 1, G3b: 2, G4: 2, G5: 3 };

export const ckdEpi2021: RiskModel = {
  id: "ckd",
  version: "ckd-epi-2021/1.0.0",
  source: "Inker LA et al., NEJM 2021;385:1737 (CKD-EPI 2021, race-free); KDIGO 2012 GFR categories",
  inputs: ["sex", "ageYears", "creatinineUmolL"],
  required: ["sex", "ageYears", "creatinineUmolL"],
  population: { minAge: 18 },
  assess(inputs: RiskInputs): RiskResult {
    const missing = missingInputs(inputs, this.required);
    if (missing.length) return { status: "not_assessable", missing };
    const outside = populationCheck(this, inputs);
    if (outside) return outside;
    const egfr = Math.round(egfrCkdEpi2021(inputs.sex!, inputs.ageYears!, inputs.creatinineUmolL!));
    const category = gfrCategory(egfr);
    const severity = SEVERITY[category];
    return {
      status: "assessed",
      score: egfr,
      scoreUnit: "mL/min/1.73m²",
      level: category,
      severity,
      factors: [
        { key: "creatinine", weight: severity + 1, params: { value: inputs.creatinineUmolL! } },
        { key: "age", weight: 0.5, params: { value: inputs.ageYears! } },
      ],
      explanation: [{ key: "egfr", params: { egfr, category } }],
      recommendations: severity >= 2 ? ["nephrologyReferral"] : severity === 1 ? ["kidneyMonitoring"] : [],
    };
  },
};
