import { ckdStageNumber, egfrCkdEpi2021, gfrCategory } from "./ckd-epi-2021";
import { bmiOf, byWeight, missingInputs, type RiskInputs, type RiskModel, type RiskResult, type Severity } from "./types";

/**
 * Blood-pressure level and cardiovascular risk stratification per 中国高血压防治指南 2018年修订版
 * (Chinese Hypertension League): 表2 blood-pressure classification, 表3 factors affecting prognosis
 * and 表4 risk stratification of patients with raised blood pressure.
 *
 * BP classes (mmHg; the higher of SBP and DBP class decides): normal <120 and <80; high-normal
 * 120–139 and/or 80–89; grade 1 140–159 and/or 90–99; grade 2 160–179 and/or 100–109; grade 3 ≥180
 * and/or ≥110. SBP ≥140 with DBP <90 is isolated systolic hypertension, graded by SBP.
 * Patients on antihypertensives are classed as hypertensive whatever today's reading.
 *
 * Stratification (表4) columns: SBP 130–139 and/or DBP 85–89 | grade 1 | grade 2 | grade 3.
 * Rows: no other risk factor | 1–2 | ≥3, target-organ damage, CKD stage 3 or diabetes without
 * complications | clinical complications, CKD ≥ stage 4 or diabetes with complications.
 *
 * Other risk factors counted (表3): male >55 / female >65 y; smoking; impaired glucose regulation
 * (FPG 6.1–6.9 or 2-h PG 7.8–11.0 mmol/L); dyslipidaemia (TC ≥5.2 or LDL-C ≥3.4 or HDL-C <1.0
 * mmol/L); family history of premature CVD; abdominal obesity (waist M ≥90 / F ≥85 cm) or BMI ≥28;
 * homocysteine ≥15 μmol/L. Target-organ damage derivable from results: slightly raised creatinine
 * (M 115–133, F 107–124 μmol/L); CKD stage 3 / ≥4 from the CKD-EPI 2021 eGFR.
 * A treated patient whose reading today is below 140/90 is stratified in the grade-1 column (the
 * pre-treatment level is not known to us; the guideline stratifies by the untreated level, so this
 * is the least severe column a diagnosed hypertensive can be in) and the explanation says so.
 */

export type BpClass = "normal" | "high_normal" | "grade1" | "grade2" | "grade3";
const CLASS_ORDER: BpClass[] = ["normal", "high_normal", "grade1", "grade2", "grade3"];

export function bpClass(sbp: number, dbp: number): BpClass {
  const s: BpClass = sbp >= 180 ? "grade3" : sbp >= 160 ? "grade2" : sbp >= 140 ? "grade1" : sbp >= 120 ? "high_normal" : "normal";
  const d: BpClass = dbp >= 110 ? "grade3" : dbp >= 100 ? "grade2" : dbp >= 90 ? "grade1" : dbp >= 80 ? "high_normal" : "normal";
  return CLASS_ORDER[Math.max(CLASS_ORDER.indexOf(s), CLASS_ORDER.indexOf(d))]!;
}

export type CvRisk = "low" | "medium" | "medium_high" | "high" | "high_very_high" | "very_high";
type Column = 0 | 1 | 2 | 3; // 130–139/85–89, grade 1, grade 2, grade 3
type Row = 0 | 1 | 2 | 3;

// 表4, rows × columns; null = not stratified (high-normal BP without other risk factors).
const TABLE: (CvRisk | null)[][] = [
  [null, "low", "medium", "high"],
  ["low", "medium", "medium_high", "very_high"],
  ["medium_high", "high", "high", "very_high"],
  ["high_very_high", "very_high", "very_high", "very_high"],
];

const RISK_SEVERITY: Record<CvRisk, Severity> = { low: 0, medium: 1, medium_high: 2, high: 2, high_very_high: 3, very_high: 3 };

/** Other cardiovascular risk factors of 表3 present in the inputs (each weighs 1). */
export function otherRiskFactors(i: RiskInputs): string[] {
  const out: string[] = [];
  if (i.sex !== undefined && i.ageYears !== undefined && i.ageYears > (i.sex === "male" ? 55 : 65)) out.push("ageOver");
  if (i.currentSmoker) out.push("smoker");
  const igr = (i.fpgMmolL !== undefined && i.fpgMmolL >= 6.1 && i.fpgMmolL < 7.0) || (i.ogtt2hMmolL !== undefined && i.ogtt2hMmolL >= 7.8 && i.ogtt2hMmolL < 11.1);
  if (igr && !i.diabetes) out.push("impairedGlucose");
  if ((i.tcMmolL ?? 0) >= 5.2 || (i.ldlMmolL ?? 0) >= 3.4 || (i.hdlMmolL !== undefined && i.hdlMmolL < 1.0)) out.push("dyslipidaemia");
  if (i.familyHistoryPrematureCvd) out.push("familyHistoryCvd");
  const bmi = bmiOf(i);
  if ((i.waistCm !== undefined && i.sex !== undefined && i.waistCm >= (i.sex === "male" ? 90 : 85)) || (bmi !== undefined && bmi >= 28)) out.push("abdominalObesity");
  if ((i.homocysteineUmolL ?? 0) >= 15) out.push("homocysteine");
  return out;
}

/** Target-organ damage derivable from results: slightly raised creatinine (表3). */
function organDamage(i: RiskInputs): boolean {
  if (i.creatinineUmolL === undefined || i.sex === undefined) return false;
  const [lo, hi] = i.sex === "male" ? [115, 133] : [107, 124];
  return i.creatinineUmolL >= lo && i.creatinineUmolL <= hi;
}

function ckdStageOf(i: RiskInputs): number {
  if (i.creatinineUmolL === undefined || i.sex === undefined || i.ageYears === undefined) return 0;
  return ckdStageNumber(gfrCategory(Math.round(egfrCkdEpi2021(i.sex, i.ageYears, i.creatinineUmolL))));
}

export function stratify(inputs: RiskInputs, cls: BpClass): { risk: CvRisk | null; row: Row; column: Column | null; riskFactors: string[]; organDamage: boolean; ckdStage: number } {
  const riskFactors = otherRiskFactors(inputs);
  const damage = organDamage(inputs);
  const ckd = ckdStageOf(inputs);
  const row: Row =
    inputs.clinicalCvd || ckd >= 4 || inputs.diabetesWithComplications ? 3 : riskFactors.length >= 3 || damage || ckd === 3 || inputs.diabetes ? 2 : riskFactors.length >= 1 ? 1 : 0;
  const sbp = inputs.sbpMmHg!;
  const dbp = inputs.dbpMmHg!;
  const column: Column | null =
    cls === "grade1" ? 1 : cls === "grade2" ? 2 : cls === "grade3" ? 3 : inputs.onAntihypertensive ? 1 : sbp >= 130 || dbp >= 85 ? 0 : null;
  return { risk: column === null ? null : TABLE[row]![column]!, row, column, riskFactors, organDamage: damage, ckdStage: ckd };
}

export const hypertension: RiskModel = {
  id: "hypertension",
  version: "cn-htn-2018/1.0.0",
  source: "中国高血压防治指南 2018年修订版, 表2–表4",
  inputs: ["sbpMmHg", "dbpMmHg", "onAntihypertensive", "sex", "ageYears", "currentSmoker", "fpgMmolL", "ogtt2hMmolL", "tcMmolL", "ldlMmolL", "hdlMmolL", "familyHistoryPrematureCvd", "waistCm", "bmi", "homocysteineUmolL", "creatinineUmolL", "diabetes", "diabetesWithComplications", "clinicalCvd"],
  required: ["sbpMmHg", "dbpMmHg", "sex", "ageYears"],
  population: { minAge: 18 },
  assess(inputs: RiskInputs): RiskResult {
    const missing = missingInputs(inputs, this.required);
    if (missing.length) return { status: "not_assessable", missing };
    if (inputs.ageYears! < 18) return { status: "out_of_population", reason: "age", params: { age: inputs.ageYears!, min: 18, max: 120 } };
    const cls = bpClass(inputs.sbpMmHg!, inputs.dbpMmHg!);
    const s = stratify(inputs, cls);
    const isolatedSystolic = inputs.sbpMmHg! >= 140 && inputs.dbpMmHg! < 90;
    const level = s.risk ?? (cls === "normal" ? "normal" : "high_normal");
    const severity: Severity = s.risk ? RISK_SEVERITY[s.risk] : cls === "normal" ? 0 : 1;
    const factors = byWeight([
      { key: "bpClass", weight: CLASS_ORDER.indexOf(cls), params: { sbp: inputs.sbpMmHg!, dbp: inputs.dbpMmHg!, cls } },
      ...s.riskFactors.map((key) => ({ key: `rf.${key}`, weight: 1 })),
      ...(s.organDamage ? [{ key: "organDamageCreatinine", weight: 2, params: { value: inputs.creatinineUmolL! } }] : []),
      ...(s.ckdStage >= 3 ? [{ key: "ckdStage", weight: s.ckdStage >= 4 ? 3 : 2, params: { stage: s.ckdStage } }] : []),
      ...(inputs.diabetes ? [{ key: inputs.diabetesWithComplications ? "diabetesComplicated" : "diabetes", weight: inputs.diabetesWithComplications ? 3 : 2 }] : []),
      ...(inputs.clinicalCvd ? [{ key: "clinicalCvd", weight: 3 }] : []),
    ]);
    const recommendations = [
      ...(inputs.sbpMmHg! >= 180 || inputs.dbpMmHg! >= 110 ? ["urgentBpReferral"] : []),
      ...(cls !== "normal" ? ["lowSalt", "bpMonitoring"] : []),
      ...(severity >= 2 ? ["physicianReview"] : []),
    ];
    return {
      status: "assessed",
      score: inputs.sbpMmHg!,
      scoreUnit: "mmHg",
      level,
      severity,
      factors,
      explanation: [
        { key: isolatedSystolic ? "bpClassIsolatedSystolic" : "bpClass", params: { sbp: inputs.sbpMmHg!, dbp: inputs.dbpMmHg!, cls } },
        ...(inputs.onAntihypertensive ? [{ key: s.column === 1 && cls !== "grade1" ? "onTreatmentControlled" : "onTreatment" }] : []),
        s.risk ? { key: "htnRiskCell", params: { factors: s.riskFactors.length, risk: s.risk } } : { key: "htnNotStratified" },
      ],
      recommendations,
    };
  },
};
