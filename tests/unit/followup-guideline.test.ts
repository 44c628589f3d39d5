import { describe, expect, it } from "vitest";
import { assess, assessDiabetes, assessHypertension, decideNext, ROUTINE_INTERVAL_DAYS } from "@/server/modules/followup/rules/guideline";

describe("hypertension assessment (规范: <140/<90 controlled, ≥180 and/or ≥110 emergency)", () => {
  it.each([
    [139, 89, "controlled"],
    [140, 89, "uncontrolled"],
    [139, 90, "uncontrolled"],
    [179, 109, "uncontrolled"],
    [180, 80, "emergency"],
    [120, 110, "emergency"],
    [100, 60, "controlled"],
  ] as const)("%i/%i mmHg → %s", (sbp, dbp, expected) => {
    expect(assessHypertension({ systolicMmHg: sbp, diastolicMmHg: dbp })).toBe(expected);
  });

  it("danger signs are an emergency even with a normal reading or none", () => {
    expect(assessHypertension({ systolicMmHg: 120, diastolicMmHg: 70, dangerSigns: true })).toBe("emergency");
    expect(assessHypertension({ dangerSigns: true })).toBe("emergency");
  });

  it("an adverse drug reaction makes a controlled reading unsatisfactory", () => {
    expect(assessHypertension({ systolicMmHg: 120, diastolicMmHg: 70, adverseReaction: true })).toBe("uncontrolled");
  });

  it("without both values there is no assessment", () => {
    expect(assessHypertension({ systolicMmHg: 150 })).toBeNull();
    expect(assessHypertension({})).toBeNull();
  });
});

describe("type 2 diabetes assessment (FPG <7.0 satisfactory, ≥16.7 or ≤3.9 emergency)", () => {
  it.each([
    [6.99, "controlled"],
    [7.0, "uncontrolled"],
    [16.69, "uncontrolled"],
    [16.7, "emergency"],
    [3.91, "controlled"],
    [3.9, "emergency"],
    [2.5, "emergency"],
  ] as const)("FPG %f mmol/L → %s", (fpg, expected) => {
    expect(assessDiabetes({ fastingGlucoseMmolL: fpg })).toBe(expected);
  });

  it("an emergency blood pressure is an emergency for diabetics too", () => {
    expect(assessDiabetes({ fastingGlucoseMmolL: 6, systolicMmHg: 180, diastolicMmHg: 90 })).toBe("emergency");
    expect(assessDiabetes({ fastingGlucoseMmolL: 6, systolicMmHg: 150, diastolicMmHg: 110 })).toBe("emergency");
  });

  it("without a glucose value there is no assessment unless it is an emergency", () => {
    expect(assessDiabetes({ systolicMmHg: 150, diastolicMmHg: 95 })).toBeNull();
    expect(assess("diabetes", { dangerSigns: true })).toBe("emergency");
    expect(assess("hypertension", { systolicMmHg: 130, diastolicMmHg: 80 })).toBe("controlled");
  });
});

describe("next step after a visit", () => {
  it("controlled → routine visit in 3 months, streak cleared", () => {
    expect(decideNext("controlled", 0)).toEqual({ action: "routine", dueInDays: 90, uncontrolledStreak: 0 });
    expect(decideNext("controlled", 3)).toEqual({ action: "routine", dueInDays: 90, uncontrolledStreak: 0 });
  });

  it("quarterly routine keeps at least 4 follow-ups a year", () => {
    expect(Math.floor(365 / ROUTINE_INTERVAL_DAYS)).toBeGreaterThanOrEqual(4);
  });

  it("first unsatisfactory → recheck in 2 weeks", () => {
    expect(decideNext("uncontrolled", 0)).toEqual({ action: "recheck", dueInDays: 14, uncontrolledStreak: 1 });
  });

  it("second unsatisfactory in a row → referral, follow-up within 2 weeks; and every further one", () => {
    expect(decideNext("uncontrolled", 1)).toEqual({ action: "referral", dueInDays: 14, uncontrolledStreak: 2 });
    expect(decideNext("uncontrolled", 2)).toEqual({ action: "referral", dueInDays: 14, uncontrolledStreak: 3 });
  });

  it("emergency → referral task due now, whatever came before", () => {
    expect(decideNext("emergency", 0)).toEqual({ action: "emergency_referral", dueInDays: 0, uncontrolledStreak: 1 });
    expect(decideNext("emergency", 5)).toEqual({ action: "emergency_referral", dueInDays: 0, uncontrolledStreak: 6 });
  });

  it("a negative stored streak is treated as none", () => {
    expect(decideNext("uncontrolled", -3).action).toBe("recheck");
  });
});
