import { bmiOf, type RiskInputs } from "./types";

/** The scenarios the patient page offers; each returns changed inputs, never mutating the original. */
export const WHAT_IF_SCENARIOS = ["sbpMinus10", "stopSmoking", "bmiMinus2"] as const;
export type WhatIfScenario = (typeof WHAT_IF_SCENARIOS)[number];

export function applyWhatIf(inputs: RiskInputs, scenarios: readonly WhatIfScenario[]): RiskInputs {
  let next: RiskInputs = { ...inputs };
  for (const s of scenarios) {
    if (s === "sbpMinus10" && next.sbpMmHg !== undefined) next = { ...next, sbpMmHg: next.sbpMmHg - 10 };
    if (s === "stopSmoking" && next.currentSmoker) next = { ...next, currentSmoker: false };
    if (s === "bmiMinus2") {
      const bmi = bmiOf(next);
      if (bmi !== undefined) {
        const target = Math.round((bmi - 2) * 10) / 10;
        // Weight follows BMI at unchanged height, so every model sees one consistent body.
        const weightKg = next.heightCm ? Math.round(target * (next.heightCm / 100) ** 2 * 10) / 10 : next.weightKg;
        next = { ...next, bmi: target, weightKg };
      }
    }
  }
  return next;
}

/** Which scenarios change anything for this patient (the others are shown disabled). */
export function applicableScenarios(inputs: RiskInputs): WhatIfScenario[] {
  return WHAT_IF_SCENARIOS.filter((s) => (s === "sbpMinus10" ? inputs.sbpMmHg !== undefined : s === "stopSmoking" ? inputs.currentSmoker === true : bmiOf(inputs) !== undefined));
}
