import { bmiOf, byWeight, missingInputs, populationCheck, type RiskInputs, type RiskModel, type RiskResult } from "./types";

/**
 * 中国糖尿病风险评分 (Chinese Diabetes Risk Score, CDRS).
 * Source: Zhou X et al., "Nonlaboratory-based risk assessment algorithm for undiagnosed type 2
 * diabetes developed on a nation-wide diabetes survey", Diabetes Care 2013;36:3944; adopted by the
 * 中国2型糖尿病防治指南 (CDS 2020) as the screening tool: total ≥ 25 → high risk, OGTT recommended.
 * Valid for adults 20–74 years without known diabetes.
 */

// [lower bound inclusive, points] — band starts from the published table.
const AGE: [number, number][] = [[20, 0], [25, 4], [35, 8], [40, 11], [45, 12], [50, 13], [55, 15], [60, 16], [65, 18]];
const SBP: [number, number][] = [[0, 0], [110, 1], [120, 3], [130, 6], [140, 7], [150, 8], [160, 10]];
const BMI: [number, number][] = [[0, 0], [22, 1], [24, 3], [30, 5]];
const WAIST_MALE: [number, number][] = [[0, 0], [75, 3], [80, 5], [85, 7], [90, 8], [95, 10]];
const WAIST_FEMALE: [number, number][] = [[0, 0], [70, 3], [75, 5], [80, 7], [85, 8], [90, 10]];

export const CDRS_HIGH_RISK = 25;

function band(value: number, table: [number, number][]): number {
  let points = 0;
  for (const [from, p] of table) if (value >= from) points = p;
  return points;
}

export const cdrs: RiskModel = {
  id: "cdrs",
  version: "1.0.0",
  source: "Zhou X et al., Diabetes Care 2013;36:3944 (CDRS); CDS 中国2型糖尿病防治指南 2020",
  inputs: ["sex", "ageYears", "sbpMmHg", "bmi", "waistCm", "familyHistoryDiabetes", "diabetes"],
  required: ["sex", "ageYears", "sbpMmHg", "bmi", "waistCm", "familyHistoryDiabetes"],
  population: { minAge: 20, maxAge: 74 },
  assess(inputs: RiskInputs): RiskResult {
    const withBmi = { ...inputs, bmi: bmiOf(inputs) };
    const missing = missingInputs(withBmi, this.required);
    if (missing.length) return { status: "not_assessable", missing };
    const outside = populationCheck(this, inputs);
    if (outside) return outside;
    if (inputs.diabetes) return { status: "out_of_population", reason: "knownDiabetes", params: {} };
    const sex = inputs.sex!;
    const bmi = withBmi.bmi!;
    const factors = [
      { key: "age", weight: band(inputs.ageYears!, AGE), params: { value: inputs.ageYears! } },
      { key: "sbp", weight: band(inputs.sbpMmHg!, SBP), params: { value: inputs.sbpMmHg! } },
      { key: "bmi", weight: band(bmi, BMI), params: { value: bmi } },
      { key: "waist", weight: band(inputs.waistCm!, sex === "male" ? WAIST_MALE : WAIST_FEMALE), params: { value: inputs.waistCm! } },
      { key: "familyHistoryDiabetes", weight: inputs.familyHistoryDiabetes ? 6 : 0 },
      { key: "maleSex", weight: sex === "male" ? 2 : 0 },
    ];
    const score = factors.reduce((s, f) => s + f.weight, 0);
    const high = score >= CDRS_HIGH_RISK;
    return {
      status: "assessed",
      score,
      scoreUnit: "points",
      level: high ? "high" : "low",
      severity: high ? 2 : 0,
      factors: byWeight(factors),
      explanation: [{ key: "cdrsTotal", params: { score, threshold: CDRS_HIGH_RISK } }],
      recommendations: high ? ["ogtt", "lifestyleDiabetesPrevention"] : ["rescreenDiabetes"],
    };
  },
};
