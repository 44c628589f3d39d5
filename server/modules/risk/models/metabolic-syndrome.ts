import type { RiskInputName, RiskInputs, RiskModel, RiskResult } from "./types";

/**
 * Metabolic syndrome, Chinese Diabetes Society criteria (中国2型糖尿病防治指南 2020年版, 代谢综合征
 * 诊断标准): three or more of
 *   1. abdominal obesity: waist M ≥90 cm, F ≥85 cm;
 *   2. hyperglycaemia: FPG ≥6.1 or 2-h PG ≥7.8 mmol/L, and/or diagnosed and treated diabetes;
 *   3. hypertension: BP ≥130/85 mmHg, and/or diagnosed and treated hypertension;
 *   4. fasting TG ≥1.70 mmol/L;
 *   5. fasting HDL-C <1.04 mmol/L.
 * A criterion whose inputs are missing is unknown. The result is decided as soon as it cannot change:
 * ≥3 met → present; met + unknown < 3 → absent; otherwise not assessable (naming what is needed).
 */

type Criterion = { key: string; met: boolean | null; needs: RiskInputName[] };

export function criteria(i: RiskInputs): Criterion[] {
  const glucoseKnown = i.fpgMmolL !== undefined || i.ogtt2hMmolL !== undefined;
  const glucoseMet = (i.fpgMmolL ?? 0) >= 6.1 || (i.ogtt2hMmolL ?? 0) >= 7.8;
  const bpKnown = i.sbpMmHg !== undefined && i.dbpMmHg !== undefined;
  const bpMet = bpKnown && (i.sbpMmHg! >= 130 || i.dbpMmHg! >= 85);
  return [
    { key: "waist", met: i.waistCm === undefined || i.sex === undefined ? null : i.waistCm >= (i.sex === "male" ? 90 : 85), needs: ["waistCm", "sex"] },
    { key: "glucose", met: i.diabetes || glucoseMet ? true : glucoseKnown ? false : null, needs: ["fpgMmolL"] },
    { key: "bp", met: (i.hypertensionDiagnosed && i.onAntihypertensive) || bpMet ? true : bpKnown ? false : null, needs: ["sbpMmHg", "dbpMmHg"] },
    { key: "tg", met: i.tgMmolL === undefined ? null : i.tgMmolL >= 1.7, needs: ["tgMmolL"] },
    { key: "hdl", met: i.hdlMmolL === undefined ? null : i.hdlMmolL < 1.04, needs: ["hdlMmolL"] },
  ];
}

export const metabolicSyndrome: RiskModel = {
  id: "metabolic_syndrome",
  version: "cds-2020/1.0.0",
  source: "中国2型糖尿病防治指南 2020年版 (CDS), 代谢综合征诊断标准",
  inputs: ["sex", "waistCm", "fpgMmolL", "ogtt2hMmolL", "diabetes", "sbpMmHg", "dbpMmHg", "hypertensionDiagnosed", "onAntihypertensive", "tgMmolL", "hdlMmolL"],
  required: [],
  population: { minAge: 18 },
  assess(inputs: RiskInputs): RiskResult {
    if (inputs.ageYears !== undefined && inputs.ageYears < 18) return { status: "out_of_population", reason: "age", params: { age: inputs.ageYears, min: 18, max: 120 } };
    const all = criteria(inputs);
    const met = all.filter((c) => c.met === true);
    const unknown = all.filter((c) => c.met === null);
    if (met.length < 3 && met.length + unknown.length >= 3) {
      const missing = [...new Set(unknown.flatMap((c) => c.needs))].filter((n) => inputs[n] === undefined);
      return { status: "not_assessable", missing };
    }
    const present = met.length >= 3;
    return {
      status: "assessed",
      score: met.length,
      scoreUnit: "criteria",
      level: present ? "present" : met.length > 0 ? "partial" : "absent",
      severity: present ? 2 : met.length > 0 ? 1 : 0,
      factors: met.map((c) => ({ key: c.key, weight: 1 })),
      explanation: [{ key: present ? "metsPresent" : "metsAbsent", params: { met: met.length, known: all.length - unknown.length } }],
      recommendations: present ? ["weightLoss", "activity150", "dash", "metabolicFollowUp"] : met.length > 0 ? ["activity150"] : [],
    };
  },
};
