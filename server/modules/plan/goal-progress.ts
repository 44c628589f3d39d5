/**
 * Progress of one plan goal from measurements. Pure.
 *
 * - Absolute targets (lt/le/gt/ge: "SBP < 130 mmHg", "HbA1c < 7 %") are met when the latest value
 *   satisfies the comparison; progress = share of the distance from baseline to target covered.
 * - Relative targets (decrease_by/increase_by: "weight −3 kg") compare the latest value with the
 *   baseline recorded when the goal was set.
 * - Status: met; missed (due date passed, not met); no_data (nothing measured since the baseline);
 *   on_track when progress ≥ the share of the plan period elapsed minus 15 percentage points
 *   (linear expectation with tolerance for measurement noise); else off_track.
 */

export const GOAL_METRICS = ["sbp", "dbp", "weight", "bmi", "waist", "hba1c", "fpg", "ldl", "tc", "tg"] as const;
export type GoalMetric = (typeof GOAL_METRICS)[number];
export type Comparator = "lt" | "le" | "gt" | "ge" | "decrease_by" | "increase_by";
export type GoalStatus = "met" | "on_track" | "off_track" | "missed" | "no_data";

/** Which model input / LOINC code each metric follows, and its unit. */
export const METRIC_SOURCE: Record<GoalMetric, { loinc: string[]; unit: string }> = {
  sbp: { loinc: ["8480-6"], unit: "mmHg" },
  dbp: { loinc: ["8462-4"], unit: "mmHg" },
  weight: { loinc: ["29463-7", "3141-9"], unit: "kg" },
  bmi: { loinc: ["39156-5"], unit: "kg/m²" },
  waist: { loinc: ["8280-0"], unit: "cm" },
  hba1c: { loinc: ["4548-4"], unit: "%" },
  fpg: { loinc: ["14771-0", "1558-6"], unit: "mmol/L" },
  ldl: { loinc: ["13457-7", "18262-6", "22748-8"], unit: "mmol/L" },
  tc: { loinc: ["14647-2", "2093-3"], unit: "mmol/L" },
  tg: { loinc: ["14927-8", "2571-8"], unit: "mmol/L" },
};

export const ON_TRACK_TOLERANCE = 0.15;

export interface GoalSpec {
  comparator: Comparator;
  target: number;
  baseline: number | null;
  startDate: string;
  dueDate: string;
}

export interface GoalProgress {
  status: GoalStatus;
  progress: number;
  latest: number | null;
  latestAt: string | null;
  expected: number;
}

function satisfied(c: Comparator, value: number, target: number, baseline: number | null): boolean {
  switch (c) {
    case "lt":
      return value < target;
    case "le":
      return value <= target;
    case "gt":
      return value > target;
    case "ge":
      return value >= target;
    case "decrease_by":
      return baseline !== null && baseline - value >= target;
    case "increase_by":
      return baseline !== null && value - baseline >= target;
  }
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

function covered(c: Comparator, value: number, target: number, baseline: number | null): number {
  if (baseline === null) return 0;
  if (c === "decrease_by") return clamp01((baseline - value) / target);
  if (c === "increase_by") return clamp01((value - baseline) / target);
  const distance = target - baseline;
  if (distance === 0) return 1;
  return clamp01((value - baseline) / distance);
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

export function goalProgress(goal: GoalSpec, measurements: { value: number; at: Date }[], today: string): GoalProgress {
  const since = day(goal.startDate);
  const after = measurements.filter((m) => m.at.getTime() >= since).sort((a, b) => a.at.getTime() - b.at.getTime());
  const last = after[after.length - 1] ?? null;
  const span = Math.max(1, day(goal.dueDate) - since);
  const expected = clamp01((day(today) - since) / span);
  if (!last) return { status: day(today) > day(goal.dueDate) ? "missed" : "no_data", progress: 0, latest: null, latestAt: null, expected };
  const met = satisfied(goal.comparator, last.value, goal.target, goal.baseline);
  const progress = met ? 1 : covered(goal.comparator, last.value, goal.target, goal.baseline);
  const status: GoalStatus = met ? "met" : day(today) > day(goal.dueDate) ? "missed" : progress >= expected - ON_TRACK_TOLERANCE ? "on_track" : "off_track";
  return { status, progress, latest: last.value, latestAt: last.at.toISOString(), expected };
}
