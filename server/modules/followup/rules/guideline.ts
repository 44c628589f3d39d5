/**
 * Chronic-disease follow-up logic of 国家基本公共卫生服务规范 (第三版), hypertension and type 2
 * diabetes sections. Pure: readings in, decision out.
 */

export type Assessment = "controlled" | "uncontrolled" | "emergency";
export type GuidelineAction = "routine" | "recheck" | "referral" | "emergency_referral";

export interface Reading {
  systolicMmHg?: number | null;
  diastolicMmHg?: number | null;
  fastingGlucoseMmolL?: number | null;
  /** Danger signs the manager ticked (altered consciousness, chest pain, …); any one is an emergency. */
  dangerSigns?: boolean;
  /** Adverse drug reaction or new / worse complication: counts as not satisfactory. */
  adverseReaction?: boolean;
}

/** SBP ≥180 and/or DBP ≥110 mmHg → refer now (规范 hypertension and diabetes emergency criteria). */
export const EMERGENCY_SBP = 180;
export const EMERGENCY_DBP = 110;
/** Control target for hypertension: SBP <140 and DBP <90 mmHg. */
export const CONTROLLED_SBP_BELOW = 140;
export const CONTROLLED_DBP_BELOW = 90;
/** Diabetes emergency: glucose ≥16.7 or ≤3.9 mmol/L. */
export const EMERGENCY_GLUCOSE_HIGH = 16.7;
export const EMERGENCY_GLUCOSE_LOW = 3.9;
/** Diabetes satisfactory: FPG <7.0 mmol/L. */
export const CONTROLLED_FPG_BELOW = 7.0;

/** Next routine visit when controlled: quarterly — 90 days keeps ≥4 face-to-face follow-ups a year. */
export const ROUTINE_INTERVAL_DAYS = 90;
/** First unsatisfactory reading → revisit in 2 weeks; referral → follow the referral up within 2 weeks. */
export const RECHECK_DAYS = 14;
export const REFERRAL_FOLLOWUP_DAYS = 14;

function bpEmergency(r: Reading): boolean {
  return (r.systolicMmHg ?? 0) >= EMERGENCY_SBP || (r.diastolicMmHg ?? 0) >= EMERGENCY_DBP;
}

export function assessHypertension(r: Reading): Assessment | null {
  if (r.dangerSigns || bpEmergency(r)) return "emergency";
  if (r.systolicMmHg == null || r.diastolicMmHg == null) return null;
  if (r.adverseReaction) return "uncontrolled";
  return r.systolicMmHg < CONTROLLED_SBP_BELOW && r.diastolicMmHg < CONTROLLED_DBP_BELOW ? "controlled" : "uncontrolled";
}

export function assessDiabetes(r: Reading): Assessment | null {
  const g = r.fastingGlucoseMmolL;
  if (r.dangerSigns || bpEmergency(r)) return "emergency";
  if (g != null && (g >= EMERGENCY_GLUCOSE_HIGH || g <= EMERGENCY_GLUCOSE_LOW)) return "emergency";
  if (g == null) return null;
  if (r.adverseReaction) return "uncontrolled";
  return g < CONTROLLED_FPG_BELOW ? "controlled" : "uncontrolled";
}

export interface GuidelineDecision {
  action: GuidelineAction;
  /** Days from the visit to the next task (0 = today). */
  dueInDays: number;
  /** Consecutive unsatisfactory visits after this one (0 after a controlled visit). */
  uncontrolledStreak: number;
}

/**
 * controlled → routine in 3 months; first unsatisfactory → recheck in 2 weeks; the second in a row
 * (and every further one) → referral with a follow-up within 2 weeks; emergency → referral task
 * due immediately (its own follow-up is then due within 2 weeks of that task).
 */
export function decideNext(assessment: Assessment, previousStreak: number): GuidelineDecision {
  if (assessment === "controlled") return { action: "routine", dueInDays: ROUTINE_INTERVAL_DAYS, uncontrolledStreak: 0 };
  const streak = Math.max(0, previousStreak) + 1;
  if (assessment === "emergency") return { action: "emergency_referral", dueInDays: 0, uncontrolledStreak: streak };
  if (streak >= 2) return { action: "referral", dueInDays: REFERRAL_FOLLOWUP_DAYS, uncontrolledStreak: streak };
  return { action: "recheck", dueInDays: RECHECK_DAYS, uncontrolledStreak: streak };
}

/** The guideline's assessment of one visit's readings; null when the deciding reading is missing. */
export function assess(guideline: "hypertension" | "diabetes", r: Reading): Assessment | null {
  return guideline === "hypertension" ? assessHypertension(r) : assessDiabetes(r);
}
