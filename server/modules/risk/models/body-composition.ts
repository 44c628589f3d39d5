import { bmiOf, missingInputs, type RiskInputs, type RiskModel, type RiskResult, type Severity } from "./types";

/**
 * Weight class and central obesity with the Chinese adult cut-offs of WS/T 428-2013 (成人体重判定):
 * BMI <18.5 underweight, 18.5–23.9 normal, 24.0–27.9 overweight, ≥28.0 obese;
 * waist: central obesity M ≥90 / F ≥85 cm, pre-central obesity M 85–89.9 / F 80–84.9 cm.
 * BMI is compared at one decimal, as reported (23.95 → 24.0 → overweight).
 */

export type BmiClass = "underweight" | "normal" | "overweight" | "obese";
export type WaistClass = "normal" | "pre_central" | "central";

export function bmiClass(bmi: number): BmiClass {
  const b = Math.round(bmi * 10) / 10;
  if (b < 18.5) return "underweight";
  if (b < 24) return "normal";
  if (b < 28) return "overweight";
  return "obese";
}

export function waistClass(sex: "male" | "female", waistCm: number): WaistClass {
  const central = sex === "male" ? 90 : 85;
  if (waistCm >= central) return "central";
  if (waistCm >= central - 5) return "pre_central";
  return "normal";
}

const BMI_SEVERITY: Record<BmiClass, Severity> = { underweight: 1, normal: 0, overweight: 1, obese: 2 };
const WAIST_SEVERITY: Record<WaistClass, Severity> = { normal: 0, pre_central: 1, central: 2 };

export const bodyComposition: RiskModel = {
  id: "body",
  version: "ws-t-428-2013/1.0.0",
  source: "WS/T 428-2013 成人体重判定 (BMI 24 / 28; waist M 90 / F 85 cm)",
  inputs: ["bmi", "heightCm", "weightKg", "waistCm", "sex"],
  required: ["bmi"],
  population: { minAge: 18 },
  assess(inputs: RiskInputs): RiskResult {
    const bmi = bmiOf(inputs);
    const missing = missingInputs({ bmi }, this.required);
    if (missing.length) return { status: "not_assessable", missing };
    if (inputs.ageYears !== undefined && inputs.ageYears < 18) return { status: "out_of_population", reason: "age", params: { age: inputs.ageYears, min: 18, max: 120 } };
    const bClass = bmiClass(bmi!);
    const wClass = inputs.waistCm !== undefined && inputs.sex ? waistClass(inputs.sex, inputs.waistCm) : null;
    const severity = Math.max(BMI_SEVERITY[bClass], wClass ? WAIST_SEVERITY[wClass] : 0) as Severity;
    const level = wClass === "central" && bClass !== "obese" ? `${bClass}_central` : bClass;
    return {
      status: "assessed",
      score: Math.round(bmi! * 10) / 10,
      scoreUnit: "kg/m²",
      level,
      severity,
      factors: [
        { key: "bmi", weight: BMI_SEVERITY[bClass] + (bClass === "obese" ? 1 : 0), params: { value: Math.round(bmi! * 10) / 10, cls: bClass } },
        ...(wClass ? [{ key: "waist", weight: WAIST_SEVERITY[wClass], params: { value: inputs.waistCm!, cls: wClass } }] : []),
      ]
        .filter((f) => f.weight > 0)
        .sort((a, b) => b.weight - a.weight),
      explanation: [
        { key: "bmiClass", params: { bmi: Math.round(bmi! * 10) / 10, cls: bClass } },
        wClass ? { key: "waistClass", params: { waist: inputs.waistCm!, cls: wClass } } : { key: "waistMissing" },
      ],
      recommendations: severity >= 1 ? (bClass === "underweight" ? ["nutritionReview"] : ["weightLoss", "activity150"]) : [],
    };
  },
};
