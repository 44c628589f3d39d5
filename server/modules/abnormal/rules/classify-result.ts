import type { AbnormalClass } from "./abnormal-classes";

/**
 * Classification of one numeric result into 重要异常结果 class A or B. Pure.
 *
 * Values must already be in the catalogue unit (mmHg, /min, g/L, ×10⁹/L, mmol/L, μmol/L, U/L, %,
 * mL/min/1.73 m²). Cut-offs and their sources:
 * - Class A: 健康体检重要异常结果管理专家共识 (2019) and the emergency-referral criteria of
 *   国家基本公共卫生服务规范 (第三版): SBP ≥180 or DBP ≥110 mmHg; heart rate ≥150 or ≤45 /min;
 *   Hb ≤60 g/L; PLT ≤30 ×10⁹/L; any blood glucose ≥16.7 or ≤3.9 mmol/L. A value the laboratory itself
 *   flags as critical (HH/LL, 危急值) is class A too: the lab has already judged it immediate.
 * - Class B (work-up): grade 2 hypertension SBP ≥160 or DBP ≥100 (中国高血压防治指南 2018);
 *   diabetic-range FPG ≥7.0, 2h-PG ≥11.1 mmol/L, HbA1c ≥6.5 % (CDS 2020); TC ≥6.2, LDL-C ≥4.1,
 *   TG ≥2.3 mmol/L ("high", 中国成人血脂异常防治指南); eGFR <60 (KDIGO G3a or worse);
 *   uric acid >420 μmol/L; ALT or AST ≥3× the upper reference limit; K⁺ outside 3.5–5.3 mmol/L
 *   (WS/T 404.3); Hb and PLT below the reference range (WS/T 405) but above the class-A limits.
 */

/** The indicator codes of the tenant catalogue that the rules read. */
export const RULE_CODES = {
  sbp: "SBP",
  dbp: "DBP",
  heartRate: "HR",
  hb: "HB",
  plt: "PLT",
  fpg: "FPG",
  ogtt2h: "PG2H",
  randomGlucose: "GLU",
  hba1c: "HBA1C",
  tc: "TC",
  tg: "TG",
  ldl: "LDLC",
  egfr: "EGFR",
  uricAcid: "UA",
  alt: "ALT",
  ast: "AST",
  potassium: "K",
} as const;

export interface ResultToClassify {
  /** Catalogue code, upper case (SBP, HB, FPG …). */
  code: string;
  value: number;
  sex: "male" | "female" | "unknown";
  /** Flag the lab (or the range check) assigned: H, L, HH, LL, A, N, or null. */
  flag?: string | null;
  /** Upper and lower reference limits that applied to this result (lab's own, else the default). */
  referenceLow?: number | null;
  referenceHigh?: number | null;
}

export interface Classification {
  class: AbnormalClass;
  /** Stable rule id, e.g. `A.sbp_180`; the UI translates it (abnormal.rules.<id>). */
  rule: string;
}

const GLUCOSE_CODES = new Set<string>([RULE_CODES.fpg, RULE_CODES.ogtt2h, RULE_CODES.randomGlucose]);

/** Upper limits used when the result carries no range of its own (WS/T 404.1-2012). */
const DEFAULT_ULN: Record<string, { male: number; female: number }> = {
  [RULE_CODES.alt]: { male: 50, female: 40 },
  [RULE_CODES.ast]: { male: 40, female: 35 },
};
/** Lower limits used when the result carries no range of its own (WS/T 405-2012). */
const DEFAULT_LLN: Record<string, { male: number; female: number }> = {
  [RULE_CODES.hb]: { male: 130, female: 115 },
  [RULE_CODES.plt]: { male: 125, female: 125 },
};

function sexed(limits: { male: number; female: number } | undefined, sex: ResultToClassify["sex"]): number | null {
  if (!limits) return null;
  // Unknown sex: the lower (more sensitive) upper limit / the higher lower limit.
  if (sex === "unknown") return null;
  return limits[sex];
}

function upperLimit(r: ResultToClassify): number | null {
  if (r.referenceHigh !== null && r.referenceHigh !== undefined) return r.referenceHigh;
  const d = DEFAULT_ULN[r.code];
  if (!d) return null;
  return sexed(d, r.sex) ?? Math.min(d.male, d.female);
}

function lowerLimit(r: ResultToClassify): number | null {
  if (r.referenceLow !== null && r.referenceLow !== undefined) return r.referenceLow;
  const d = DEFAULT_LLN[r.code];
  if (!d) return null;
  return sexed(d, r.sex) ?? Math.max(d.male, d.female);
}

function classA(r: ResultToClassify): string | null {
  const v = r.value;
  switch (r.code) {
    case RULE_CODES.sbp:
      return v >= 180 ? "A.sbp_180" : null;
    case RULE_CODES.dbp:
      return v >= 110 ? "A.dbp_110" : null;
    case RULE_CODES.heartRate:
      return v >= 150 ? "A.hr_150" : v <= 45 ? "A.hr_45" : null;
    case RULE_CODES.hb:
      return v <= 60 ? "A.hb_60" : null;
    case RULE_CODES.plt:
      return v <= 30 ? "A.plt_30" : null;
  }
  if (GLUCOSE_CODES.has(r.code)) return v >= 16.7 ? "A.glucose_16_7" : v <= 3.9 ? "A.glucose_3_9" : null;
  return null;
}

function classB(r: ResultToClassify): string | null {
  const v = r.value;
  switch (r.code) {
    case RULE_CODES.sbp:
      return v >= 160 ? "B.sbp_160" : null;
    case RULE_CODES.dbp:
      return v >= 100 ? "B.dbp_100" : null;
    case RULE_CODES.fpg:
      return v >= 7.0 ? "B.fpg_7_0" : null;
    case RULE_CODES.ogtt2h:
      return v >= 11.1 ? "B.ogtt_11_1" : null;
    case RULE_CODES.hba1c:
      return v >= 6.5 ? "B.hba1c_6_5" : null;
    case RULE_CODES.tc:
      return v >= 6.2 ? "B.tc_6_2" : null;
    case RULE_CODES.ldl:
      return v >= 4.1 ? "B.ldl_4_1" : null;
    case RULE_CODES.tg:
      return v >= 2.3 ? "B.tg_2_3" : null;
    case RULE_CODES.egfr:
      return v < 60 ? "B.egfr_60" : null;
    case RULE_CODES.uricAcid:
      return v > 420 ? "B.ua_420" : null;
    case RULE_CODES.potassium:
      return v < 3.5 ? "B.k_low" : v > 5.3 ? "B.k_high" : null;
    case RULE_CODES.alt:
    case RULE_CODES.ast: {
      const uln = upperLimit(r);
      return uln !== null && v >= 3 * uln ? `B.${r.code.toLowerCase()}_3uln` : null;
    }
    case RULE_CODES.hb:
    case RULE_CODES.plt: {
      const lln = lowerLimit(r);
      return lln !== null && v < lln ? `B.${r.code.toLowerCase()}_low` : null;
    }
  }
  return null;
}

/** Class A beats class B; null when the result needs no tracked item. */
export function classifyResult(r: ResultToClassify): Classification | null {
  if (!Number.isFinite(r.value)) return null;
  const a = classA(r);
  if (a) return { class: "A", rule: a };
  const flag = r.flag?.toUpperCase();
  if (flag === "HH" || flag === "LL") return { class: "A", rule: "A.lab_critical" };
  const b = classB(r);
  return b ? { class: "B", rule: b } : null;
}

/** Every rule id the classifier can return (for the message catalogue and its test). */
export const CLASSIFICATION_RULE_IDS = [
  "A.sbp_180", "A.dbp_110", "A.hr_150", "A.hr_45", "A.hb_60", "A.plt_30", "A.glucose_16_7", "A.glucose_3_9", "A.lab_critical",
  "B.sbp_160", "B.dbp_100", "B.fpg_7_0", "B.ogtt_11_1", "B.hba1c_6_5", "B.tc_6_2", "B.ldl_4_1", "B.tg_2_3", "B.egfr_60",
  "B.ua_420", "B.k_low", "B.k_high", "B.alt_3uln", "B.ast_3uln", "B.hb_low", "B.plt_low",
] as const;
