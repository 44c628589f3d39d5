import type { DatedValue } from "./year-over-year";

/**
 * Trend warnings: changes over the years that matter before any single value is abnormal. Pure, and
 * the public entry point for other domains (the rules engine calls `trendWarnings` with the series it
 * has; see docs/architecture.md "Abnormal results and trends").
 *
 * Thresholds and sources:
 * - `egfr_decline`: eGFR at least 25 % below its baseline — KDIGO 2012 "certain drop" (a ≥25 % fall
 *   from baseline); baseline = the earliest value in the 5 years before the latest one.
 * - `fpg_rising_normal`: fasting glucose rising by ≥0.5 mmol/L per year (least-squares slope over the
 *   last 5 years, at least 3 values spanning ≥ 1.5 years) while the latest value is still normal
 *   (< 6.1 mmol/L, CDS 2020).
 * - `alt_doubled`: ALT at least twice the previous value and ≥ 40 U/L (the female upper limit,
 *   WS/T 404.1) — below that a doubling is within normal biological variation.
 * - `bmi_category_up`: BMI crossed into overweight (≥24) or obesity (≥28) since the previous value
 *   (WS/T 428-2013).
 */

export const TREND_WARNING_KINDS = ["egfr_decline", "fpg_rising_normal", "alt_doubled", "bmi_category_up"] as const;
export type TrendWarningKind = (typeof TREND_WARNING_KINDS)[number];

export const TREND_THRESHOLDS = {
  egfrDeclineFraction: 0.25,
  lookbackYears: 5,
  fpgSlopePerYear: 0.5,
  fpgNormalBelow: 6.1,
  fpgMinPoints: 3,
  // Three yearly checks span a little under two years when dates drift by days.
  fpgMinSpanYears: 1.5,
  altRatio: 2,
  altFloor: 40,
  bmiOverweight: 24,
  bmiObese: 28,
} as const;

/** Codes of the catalogue the warnings read. */
export const TREND_CODES = { egfr: "EGFR", fpg: "FPG", alt: "ALT", bmi: "BMI" } as const;

export interface TrendWarning {
  kind: TrendWarningKind;
  code: string;
  from: DatedValue;
  to: DatedValue;
  /** egfr_decline: fraction fallen (0.29); fpg_rising_normal: mmol/L per year; alt_doubled: ratio; bmi: new cut-point. */
  magnitude: number;
}

const YEAR_MS = 365.25 * 24 * 3600 * 1000;

function sorted(points: DatedValue[] | undefined): DatedValue[] {
  return [...(points ?? [])].filter((p) => Number.isFinite(p.value)).sort((a, b) => a.at.getTime() - b.at.getTime());
}

function withinLookback(points: DatedValue[]): DatedValue[] {
  const latest = points.at(-1);
  if (!latest) return [];
  const since = latest.at.getTime() - TREND_THRESHOLDS.lookbackYears * YEAR_MS;
  return points.filter((p) => p.at.getTime() >= since);
}

/** Least-squares slope in units per year; null for fewer than 2 points or zero time span. */
export function slopePerYear(points: DatedValue[]): number | null {
  if (points.length < 2) return null;
  const xs = points.map((p) => p.at.getTime() / YEAR_MS);
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = points.reduce((s, p) => s + p.value, 0) / points.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (points[i]!.value - my);
    den += (x - mx) ** 2;
  });
  return den === 0 ? null : num / den;
}

function egfrDecline(series: DatedValue[]): TrendWarning | null {
  const window = withinLookback(series);
  const baseline = window[0];
  const latest = window.at(-1);
  if (!baseline || !latest || baseline === latest || baseline.value <= 0) return null;
  const fall = (baseline.value - latest.value) / baseline.value;
  if (fall < TREND_THRESHOLDS.egfrDeclineFraction) return null;
  return { kind: "egfr_decline", code: TREND_CODES.egfr, from: baseline, to: latest, magnitude: round(fall, 3) };
}

function fpgRising(series: DatedValue[]): TrendWarning | null {
  const window = withinLookback(series);
  const first = window[0];
  const latest = window.at(-1);
  if (!first || !latest || window.length < TREND_THRESHOLDS.fpgMinPoints) return null;
  if ((latest.at.getTime() - first.at.getTime()) / YEAR_MS < TREND_THRESHOLDS.fpgMinSpanYears) return null;
  if (latest.value >= TREND_THRESHOLDS.fpgNormalBelow) return null;
  const slope = slopePerYear(window);
  if (slope === null || slope < TREND_THRESHOLDS.fpgSlopePerYear) return null;
  return { kind: "fpg_rising_normal", code: TREND_CODES.fpg, from: first, to: latest, magnitude: round(slope, 2) };
}

function altDoubled(series: DatedValue[]): TrendWarning | null {
  const latest = series.at(-1);
  const previous = series.at(-2);
  if (!latest || !previous || previous.value <= 0) return null;
  const ratio = latest.value / previous.value;
  if (ratio < TREND_THRESHOLDS.altRatio || latest.value < TREND_THRESHOLDS.altFloor) return null;
  return { kind: "alt_doubled", code: TREND_CODES.alt, from: previous, to: latest, magnitude: round(ratio, 2) };
}

function bmiCategoryUp(series: DatedValue[]): TrendWarning | null {
  const latest = series.at(-1);
  const previous = series.at(-2);
  if (!latest || !previous) return null;
  for (const cut of [TREND_THRESHOLDS.bmiObese, TREND_THRESHOLDS.bmiOverweight]) {
    if (previous.value < cut && latest.value >= cut) return { kind: "bmi_category_up", code: TREND_CODES.bmi, from: previous, to: latest, magnitude: cut };
  }
  return null;
}

/** All warnings for one patient's series, keyed by catalogue code (values in catalogue units). */
export function trendWarnings(seriesByCode: Record<string, DatedValue[] | undefined>): TrendWarning[] {
  const found = [
    egfrDecline(sorted(seriesByCode[TREND_CODES.egfr])),
    fpgRising(sorted(seriesByCode[TREND_CODES.fpg])),
    altDoubled(sorted(seriesByCode[TREND_CODES.alt])),
    bmiCategoryUp(sorted(seriesByCode[TREND_CODES.bmi])),
  ];
  return found.filter((w): w is TrendWarning => w !== null);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
