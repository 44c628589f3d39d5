import { describe, expect, it } from "vitest";
import { bmiClass, bodyComposition, waistClass } from "@/server/modules/risk/models/body-composition";
import { cdrs } from "@/server/modules/risk/models/cdrs";
import { ckdEpi2021, egfrCkdEpi2021, gfrCategory } from "@/server/modules/risk/models/ckd-epi-2021";
import { framinghamCvd2008 } from "@/server/modules/risk/models/framingham-cvd-2008";
import { bpClass, hypertension, otherRiskFactors } from "@/server/modules/risk/models/hypertension";
import { metabolicSyndrome } from "@/server/modules/risk/models/metabolic-syndrome";
import { assessAll } from "@/server/modules/risk/models/registry";
import type { Assessed, RiskInputs, RiskResult } from "@/server/modules/risk/models/types";
import { applicableScenarios, applyWhatIf } from "@/server/modules/risk/models/what-if";

function assessed(r: RiskResult): Assessed {
  if (r.status !== "assessed") throw new Error(`expected assessed, got ${JSON.stringify(r)}`);
  return r;
}

describe("CDRS (Zhou 2013 table)", () => {
  const base: RiskInputs = { sex: "male", ageYears: 50, sbpMmHg: 135, heightCm: 170, weightKg: 72.25, waistCm: 88, familyHistoryDiabetes: true };

  it("scores a 50-year-old man by hand: age 50–54 13 + SBP 130–139 6 + BMI 72.25/1.7² = 25.0 (24–29.9) 3 + waist 85–89.9 7 + family history 6 + male 2 = 37 → high, OGTT", () => {
    const r = assessed(cdrs.assess(base));
    expect(r.score).toBe(37);
    expect(r.level).toBe("high");
    expect(r.recommendations).toContain("ogtt");
    expect(r.factors.map((f) => [f.key, f.weight])).toEqual([
      ["age", 13],
      ["waist", 7],
      ["sbp", 6],
      ["familyHistoryDiabetes", 6],
      ["bmi", 3],
      ["maleSex", 2],
    ]);
  });

  it("scores a 30-year-old woman by hand: age 25–34 4 + SBP <110 0 + BMI 21 0 + waist <70 0 = 4 → low", () => {
    const r = assessed(cdrs.assess({ sex: "female", ageYears: 30, sbpMmHg: 105, bmi: 21, waistCm: 69, familyHistoryDiabetes: false }));
    expect(r.score).toBe(4);
    expect(r.level).toBe("low");
  });

  it("is high from 25 points: man 45 (12) + SBP 120 (3) + BMI 24 (3) + waist 80 (5) + male (2) = 25; the same at 40 y (11) = 24 is low", () => {
    const at = (ageYears: number) => assessed(cdrs.assess({ sex: "male", ageYears, sbpMmHg: 120, bmi: 24, waistCm: 80, familyHistoryDiabetes: false }));
    expect([at(45).score, at(45).level]).toEqual([25, "high"]);
    expect([at(40).score, at(40).level]).toEqual([24, "low"]);
  });

  const points = (inputs: Partial<RiskInputs>, key: string) =>
    assessed(cdrs.assess({ sex: "female", ageYears: 20, sbpMmHg: 100, bmi: 20, waistCm: 60, familyHistoryDiabetes: false, ...inputs })).factors.find((f) => f.key === key)?.weight ?? 0;

  it.each([
    [20, 0], [24, 0], [25, 4], [34, 4], [35, 8], [39, 8], [40, 11], [44, 11], [45, 12], [49, 12], [50, 13], [54, 13], [55, 15], [59, 15], [60, 16], [64, 16], [65, 18], [74, 18],
  ])("age %i → %i points", (ageYears, p) => expect(points({ ageYears }, "age")).toBe(p));

  it.each([
    [109, 0], [110, 1], [119, 1], [120, 3], [129, 3], [130, 6], [139, 6], [140, 7], [149, 7], [150, 8], [159, 8], [160, 10],
  ])("SBP %i → %i points", (sbpMmHg, p) => expect(points({ sbpMmHg }, "sbp")).toBe(p));

  it.each([
    [21.9, 0], [22, 1], [23.9, 1], [24, 3], [29.9, 3], [30, 5],
  ])("BMI %f → %i points", (bmi, p) => expect(points({ bmi }, "bmi")).toBe(p));

  it.each([
    ["male", 74.9, 0], ["male", 75, 3], ["male", 80, 5], ["male", 85, 7], ["male", 90, 8], ["male", 94.9, 8], ["male", 95, 10],
    ["female", 69.9, 0], ["female", 70, 3], ["female", 75, 5], ["female", 80, 7], ["female", 85, 8], ["female", 90, 10],
  ] as const)("%s waist %f cm → %i points", (sex, waistCm, p) => expect(points({ sex, waistCm }, "waist")).toBe(p));

  it("needs every input and names what is missing", () => {
    expect(cdrs.assess({ sex: "male", ageYears: 50, sbpMmHg: 130 })).toEqual({ status: "not_assessable", missing: ["bmi", "waistCm", "familyHistoryDiabetes"] });
  });

  it("refuses ages outside 20–74 and patients with known diabetes", () => {
    expect(cdrs.assess({ ...base, ageYears: 19 })).toMatchObject({ status: "out_of_population", reason: "age" });
    expect(cdrs.assess({ ...base, ageYears: 75 })).toMatchObject({ status: "out_of_population", reason: "age" });
    expect(cdrs.assess({ ...base, diabetes: true })).toMatchObject({ status: "out_of_population", reason: "knownDiabetes" });
  });
});

describe("Framingham 2008 general CVD (D'Agostino, Circulation 2008, Table 2)", () => {
  const mmol = (mgdl: number) => mgdl / 38.67;

  it("reproduces the paper's worked example for a woman: 61 y, TC 180, HDL 47 mg/dL, SBP 124 untreated, smoker → 10.48 %", () => {
    // Σβx = 2.32888·ln61 + 1.20904·ln180 − 0.70833·ln47 + 2.76157·ln124 + 0.52873
    //     = 9.57378 + 6.27852 − 2.72724 + 13.31168 + 0.52873 = 26.96532 (rounded terms)
    // risk = 1 − 0.95012^exp(26.96532 − 26.1931) = 1 − 0.95012^2.16454 = 0.10484 → 10.5 %
    const r = assessed(framinghamCvd2008.assess({ sex: "female", ageYears: 61, tcMmolL: mmol(180), hdlMmolL: mmol(47), sbpMmHg: 124, onAntihypertensive: false, currentSmoker: true, diabetes: false }));
    expect(r.score).toBe(10.5);
    expect(r.level).toBe("high");
  });

  it("reproduces the paper's worked example for a man: 53 y, TC 161, HDL 55 mg/dL, SBP 125 treated, non-smoker, diabetic → 15.6 %", () => {
    // Σβx = 3.06117·ln53 + 1.12370·ln161 − 0.93263·ln55 + 1.99881·ln125 + 0.57367 = 24.35091
    // risk = 1 − 0.88936^exp(24.35091 − 23.9802) = 1 − 0.88936^1.44877 = 0.15623
    const r = assessed(framinghamCvd2008.assess({ sex: "male", ageYears: 53, tcMmolL: mmol(161), hdlMmolL: mmol(55), sbpMmHg: 125, onAntihypertensive: true, currentSmoker: false, diabetes: true }));
    expect(r.score).toBe(15.6);
  });

  it("works in mmol/L: man 55, TC 5.5 (212.685 mg/dL), HDL 1.1 (42.537), SBP 145 untreated, smoker → 29.4 %", () => {
    // terms: 3.06117·ln55 = 12.26713; 1.12370·ln212.685 = 6.02282; −0.93263·ln42.537 = −3.49771;
    // 1.93303·ln145 = 9.62018; smoker 0.65451 → Σ 25.06692; exp(25.06692 − 23.9802) = 2.96454;
    // 1 − 0.88936^2.96454 = 0.29362
    const r = assessed(framinghamCvd2008.assess({ sex: "male", ageYears: 55, tcMmolL: 5.5, hdlMmolL: 1.1, sbpMmHg: 145, onAntihypertensive: false, currentSmoker: true, diabetes: false }));
    expect(r.score).toBe(29.4);
    expect(r.factors[0]!.key).toBe("age");
    expect(r.factors.map((f) => f.key)).toContain("smoker");
    expect(r.recommendations).toEqual(expect.arrayContaining(["stopSmoking", "bloodPressureControl"]));
  });

  it("a healthy 40-year-old man is low: Σ 22.62135, exp(−1.35885) = 0.25696, 1 − 0.88936^0.25696 = 2.97 %", () => {
    const r = assessed(framinghamCvd2008.assess({ sex: "male", ageYears: 40, tcMmolL: 4.5, hdlMmolL: 1.4, sbpMmHg: 120, onAntihypertensive: false, currentSmoker: false, diabetes: false }));
    expect(r.score).toBe(3);
    expect(r.level).toBe("low");
  });

  it("strata: <5 low, 5–9.9 medium, ≥10 high", async () => {
    const { cvdLevel } = await import("@/server/modules/risk/models/framingham-cvd-2008");
    expect(cvdLevel(4.9).level).toBe("low");
    expect(cvdLevel(5).level).toBe("medium");
    expect(cvdLevel(9.9).level).toBe("medium");
    expect(cvdLevel(10).level).toBe("high");
  });

  it("refuses age 12 and 75, and patients with established CVD; names missing inputs", () => {
    const full: RiskInputs = { sex: "male", ageYears: 50, tcMmolL: 5, hdlMmolL: 1.2, sbpMmHg: 130, onAntihypertensive: false, currentSmoker: false, diabetes: false };
    expect(framinghamCvd2008.assess({ ...full, ageYears: 12 })).toEqual({ status: "out_of_population", reason: "age", params: { age: 12, min: 30, max: 74 } });
    expect(framinghamCvd2008.assess({ ...full, ageYears: 75 })).toMatchObject({ status: "out_of_population" });
    expect(assessed(framinghamCvd2008.assess({ ...full, ageYears: 30 })).score).toBeGreaterThan(0);
    expect(assessed(framinghamCvd2008.assess({ ...full, ageYears: 74 })).score).toBeGreaterThan(0);
    expect(framinghamCvd2008.assess({ ...full, clinicalCvd: true })).toMatchObject({ reason: "establishedCvd" });
    expect(framinghamCvd2008.assess({ sex: "male", ageYears: 50, sbpMmHg: 130 })).toEqual({ status: "not_assessable", missing: ["tcMmolL", "hdlMmolL", "onAntihypertensive", "currentSmoker", "diabetes"] });
  });
});

describe("hypertension grade and stratification (中国高血压防治指南 2018)", () => {
  it.each([
    [119, 79, "normal"], [120, 70, "high_normal"], [110, 80, "high_normal"], [139, 89, "high_normal"],
    [140, 70, "grade1"], [130, 90, "grade1"], [159, 99, "grade1"], [160, 80, "grade2"], [120, 100, "grade2"], [179, 109, "grade2"],
    [180, 80, "grade3"], [120, 110, "grade3"], [165, 112, "grade3"],
  ] as const)("%i/%i mmHg → %s (the higher class decides)", (s, d, cls) => expect(bpClass(s, d)).toBe(cls));

  const young = { sex: "male" as const, ageYears: 40, currentSmoker: false, onAntihypertensive: false };

  it("no other risk factor: 135/80 is high-normal and not stratified; grade 1 low, grade 2 medium, grade 3 high", () => {
    const r = (sbpMmHg: number, dbpMmHg: number) => assessed(hypertension.assess({ ...young, sbpMmHg, dbpMmHg }));
    expect([r(135, 80).level, r(135, 80).severity]).toEqual(["high_normal", 1]);
    expect(r(118, 76).level).toBe("normal");
    expect(r(145, 85).level).toBe("low");
    expect(r(165, 85).level).toBe("medium");
    expect(r(185, 85).level).toBe("high");
  });

  it("1–2 risk factors (smoker, man >55): 130–139 low, grade 1 medium, grade 2 medium-high, grade 3 very high", () => {
    const r = (sbpMmHg: number) => assessed(hypertension.assess({ ...young, ageYears: 56, currentSmoker: true, sbpMmHg, dbpMmHg: 80 })).level;
    expect(otherRiskFactors({ ...young, ageYears: 56, currentSmoker: true })).toEqual(["ageOver", "smoker"]);
    expect([r(132), r(145), r(165), r(185)]).toEqual(["low", "medium", "medium_high", "very_high"]);
  });

  it("≥3 risk factors or diabetes: 130–139 medium-high, grades 1–2 high, grade 3 very high", () => {
    // smoker + TC 5.2 (dyslipidaemia, cut-off inclusive) + waist 90 (abdominal obesity) = 3
    const three = { ...young, currentSmoker: true, tcMmolL: 5.2, waistCm: 90 };
    const r = (sbpMmHg: number, extra: RiskInputs = three) => assessed(hypertension.assess({ ...extra, sbpMmHg, dbpMmHg: 80 })).level;
    expect([r(132), r(145), r(165), r(185)]).toEqual(["medium_high", "high", "high", "very_high"]);
    expect(r(145, { ...young, diabetes: true })).toBe("high");
  });

  it("clinical complications or CKD ≥4: 130–139 high/very high, any grade very high", () => {
    expect(assessed(hypertension.assess({ ...young, clinicalCvd: true, sbpMmHg: 132, dbpMmHg: 80 })).level).toBe("high_very_high");
    // CKD-EPI 2021: man 40, creatinine 400 μmol/L → eGFR ≈ 16 (G4)
    expect(assessed(hypertension.assess({ ...young, creatinineUmolL: 400, sbpMmHg: 145, dbpMmHg: 80 })).level).toBe("very_high");
  });

  it("risk-factor cut-offs: woman >65, FPG 6.1–6.9, LDL 3.4, HDL <1.0, BMI 28, homocysteine 15", () => {
    const f = (i: RiskInputs) => otherRiskFactors({ sex: "female", ageYears: 40, ...i });
    expect(f({ ageYears: 65 })).toEqual([]);
    expect(f({ ageYears: 66 })).toEqual(["ageOver"]);
    expect(f({ fpgMmolL: 6.0 })).toEqual([]);
    expect(f({ fpgMmolL: 6.1 })).toEqual(["impairedGlucose"]);
    expect(f({ ldlMmolL: 3.39 })).toEqual([]);
    expect(f({ ldlMmolL: 3.4 })).toEqual(["dyslipidaemia"]);
    expect(f({ hdlMmolL: 1.0 })).toEqual([]);
    expect(f({ hdlMmolL: 0.99 })).toEqual(["dyslipidaemia"]);
    expect(f({ waistCm: 84.9 })).toEqual([]);
    expect(f({ waistCm: 85 })).toEqual(["abdominalObesity"]);
    expect(f({ bmi: 28 })).toEqual(["abdominalObesity"]);
    expect(f({ homocysteineUmolL: 15 })).toEqual(["homocysteine"]);
  });

  it("a treated patient at 128/78 is stratified in the grade-1 column and says so", () => {
    const r = assessed(hypertension.assess({ ...young, onAntihypertensive: true, sbpMmHg: 128, dbpMmHg: 78 }));
    expect(r.level).toBe("low");
    expect(r.explanation.map((e) => e.key)).toContain("onTreatmentControlled");
  });

  it("recommends urgent referral from 180/110", () => {
    expect(assessed(hypertension.assess({ ...young, sbpMmHg: 180, dbpMmHg: 90 })).recommendations).toContain("urgentBpReferral");
    expect(assessed(hypertension.assess({ ...young, sbpMmHg: 179, dbpMmHg: 109 })).recommendations).not.toContain("urgentBpReferral");
  });

  it("needs both pressures", () => {
    expect(hypertension.assess({ sex: "male", ageYears: 40, sbpMmHg: 150 })).toEqual({ status: "not_assessable", missing: ["dbpMmHg"] });
  });
});

describe("BMI and central obesity (WS/T 428-2013)", () => {
  it.each([
    [18.4, "underweight"], [18.5, "normal"], [23.9, "normal"], [23.95, "overweight"], [24, "overweight"], [27.9, "overweight"], [28, "obese"],
  ] as const)("BMI %f → %s", (bmi, cls) => expect(bmiClass(bmi)).toBe(cls));

  it.each([
    ["male", 84.9, "normal"], ["male", 85, "pre_central"], ["male", 89.9, "pre_central"], ["male", 90, "central"],
    ["female", 79.9, "normal"], ["female", 80, "pre_central"], ["female", 85, "central"],
  ] as const)("%s waist %f → %s", (sex, w, cls) => expect(waistClass(sex, w)).toBe(cls));

  it("computes BMI from height and weight by hand: 80 kg / 1.75² = 26.1 → overweight with central obesity (waist 92)", () => {
    const r = assessed(bodyComposition.assess({ sex: "male", heightCm: 175, weightKg: 80, waistCm: 92 }));
    expect(r.score).toBe(26.1);
    expect(r.level).toBe("overweight_central");
    expect(r.severity).toBe(2);
  });

  it("needs BMI or height and weight", () => {
    expect(bodyComposition.assess({ heightCm: 170 })).toEqual({ status: "not_assessable", missing: ["bmi"] });
  });
});

describe("metabolic syndrome (CDS 2020)", () => {
  it("three criteria met → present: waist 90 (M), TG 1.70, HDL 1.03", () => {
    const r = assessed(metabolicSyndrome.assess({ sex: "male", waistCm: 90, tgMmolL: 1.7, hdlMmolL: 1.03, fpgMmolL: 5.0, sbpMmHg: 120, dbpMmHg: 75 }));
    expect([r.level, r.score]).toEqual(["present", 3]);
    expect(r.factors.map((f) => f.key)).toEqual(["waist", "tg", "hdl"]);
  });

  it("just below every cut-off → absent: waist 89.9, FPG 6.0, 129/84, TG 1.69, HDL 1.04", () => {
    const r = assessed(metabolicSyndrome.assess({ sex: "male", waistCm: 89.9, fpgMmolL: 6.0, sbpMmHg: 129, dbpMmHg: 84, tgMmolL: 1.69, hdlMmolL: 1.04 }));
    expect([r.level, r.score]).toEqual(["absent", 0]);
  });

  it("at the cut-offs: FPG 6.1, 2-h PG 7.8, BP 130/… or …/85, woman waist 85", () => {
    const met = (i: RiskInputs) => assessed(metabolicSyndrome.assess({ sex: "female", waistCm: 60, fpgMmolL: 5, sbpMmHg: 110, dbpMmHg: 70, tgMmolL: 1, hdlMmolL: 1.5, ...i })).factors.map((f) => f.key);
    expect(met({ fpgMmolL: 6.1 })).toEqual(["glucose"]);
    expect(met({ fpgMmolL: undefined, ogtt2hMmolL: 7.8 })).toEqual(["glucose"]);
    expect(met({ sbpMmHg: 130 })).toEqual(["bp"]);
    expect(met({ dbpMmHg: 85 })).toEqual(["bp"]);
    expect(met({ waistCm: 85 })).toEqual(["waist"]);
    expect(met({ hypertensionDiagnosed: true, onAntihypertensive: true })).toEqual(["bp"]);
    expect(met({ diabetes: true })).toEqual(["glucose"]);
  });

  it("decides with missing inputs when the outcome cannot change, otherwise names what is needed", () => {
    expect(assessed(metabolicSyndrome.assess({ sex: "male", waistCm: 95, tgMmolL: 2, hdlMmolL: 0.9 })).level).toBe("present");
    expect(assessed(metabolicSyndrome.assess({ sex: "male", waistCm: 80, tgMmolL: 1, hdlMmolL: 1.5 })).level).toBe("absent");
    expect(metabolicSyndrome.assess({ sex: "male", waistCm: 95, tgMmolL: 1 })).toEqual({ status: "not_assessable", missing: ["fpgMmolL", "sbpMmHg", "dbpMmHg", "hdlMmolL"] });
  });
});

describe("eGFR CKD-EPI 2021 and GFR category", () => {
  it("man 50, creatinine 100 μmol/L by hand: Scr 1.13122 mg/dL, Scr/κ 1.25691 → 142 × 1.25691^−1.2 × 0.9938^50 = 79.1 → 79, G2", () => {
    expect(egfrCkdEpi2021("male", 50, 100)).toBeCloseTo(79.081, 2);
    const r = assessed(ckdEpi2021.assess({ sex: "male", ageYears: 50, creatinineUmolL: 100 }));
    expect([r.score, r.level]).toEqual([79, "G2"]);
  });

  it("woman 60, creatinine 60 μmol/L: Scr/κ 0.96962 → 142 × 0.96962^−0.241 × 0.9938^60 × 1.012 = 99.7 → G1", () => {
    expect(egfrCkdEpi2021("female", 60, 60)).toBeCloseTo(99.687, 2);
  });

  it("man 70, creatinine 180: 34.5 → G3b; woman 45, creatinine 500: 8.9 → G5", () => {
    expect(egfrCkdEpi2021("male", 70, 180)).toBeCloseTo(34.492, 2);
    expect(egfrCkdEpi2021("female", 45, 500)).toBeCloseTo(8.852, 2);
    expect(assessed(ckdEpi2021.assess({ sex: "female", ageYears: 45, creatinineUmolL: 500 })).level).toBe("G5");
  });

  it.each([
    [90, "G1"], [89, "G2"], [60, "G2"], [59, "G3a"], [45, "G3a"], [44, "G3b"], [30, "G3b"], [29, "G4"], [15, "G4"], [14, "G5"],
  ] as const)("eGFR %i → %s", (e, g) => expect(gfrCategory(e)).toBe(g));

  it("needs creatinine, refuses children", () => {
    expect(ckdEpi2021.assess({ sex: "male", ageYears: 40 })).toEqual({ status: "not_assessable", missing: ["creatinineUmolL"] });
    expect(ckdEpi2021.assess({ sex: "male", ageYears: 12, creatinineUmolL: 50 })).toMatchObject({ status: "out_of_population" });
  });
});

describe("what if", () => {
  const smoker: RiskInputs = { sex: "male", ageYears: 55, tcMmolL: 5.5, hdlMmolL: 1.1, sbpMmHg: 145, dbpMmHg: 92, onAntihypertensive: false, currentSmoker: true, diabetes: false, heightCm: 170, weightKg: 80 };

  it("SBP −10, stop smoking and BMI −2 lower the CVD risk and leave the original alone", () => {
    const before = assessed(framinghamCvd2008.assess(smoker)).score;
    const changed = applyWhatIf(smoker, ["sbpMinus10", "stopSmoking", "bmiMinus2"]);
    expect(smoker.sbpMmHg).toBe(145);
    expect(changed).toMatchObject({ sbpMmHg: 135, currentSmoker: false, bmi: 25.7 });
    // BMI 80/1.7² = 27.7 → 25.7; weight 25.7 × 1.7² = 74.3 kg
    expect(changed.weightKg).toBe(74.3);
    expect(assessed(framinghamCvd2008.assess(changed)).score).toBeLessThan(before);
  });

  it("offers only what applies", () => {
    expect(applicableScenarios({ sbpMmHg: 120, currentSmoker: false })).toEqual(["sbpMinus10"]);
  });

  it("every model runs on one input set", () => {
    expect(assessAll(smoker).map((o) => o.modelId)).toEqual(["cvd10", "hypertension", "cdrs", "metabolic_syndrome", "body", "ckd"]);
  });
});

describe("CJK line breaking in the PDF", () => {
  it("breaks between characters but never before closing punctuation", async () => {
    const { cjkBreaks } = await import("@/server/pdf/fonts");
    expect(cjkBreaks("低盐，少油。")).toEqual(["低", "", "盐，", "", "少", "", "油。", ""]);
  });
});
