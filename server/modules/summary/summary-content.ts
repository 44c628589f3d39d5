import { METRIC_SOURCE, type GoalMetric } from "@/server/modules/plan/goal-progress";
import type { Measurement } from "@/server/modules/risk/risk-inputs";

/**
 * What a stage summary (健康阶段总结) states about a period, computed from stored facts. Pure.
 * Every metric here is "lower is better" for the patient (blood pressure, weight, glucose, lipids),
 * so a fall is shown as an improvement.
 */
export const SUMMARY_METRICS: GoalMetric[] = ["sbp", "dbp", "weight", "bmi", "waist", "fpg", "hba1c", "tc", "ldl", "tg"];

export interface IndicatorChange {
  metric: GoalMetric;
  unit: string;
  from: number;
  fromAt: string;
  to: number;
  toAt: string;
  direction: "up" | "down" | "same";
  improved: boolean | null;
}

export interface SummaryContent {
  periodStart: string;
  periodEnd: string;
  indicators: IndicatorChange[];
  goals: { planTitle: string; metric: string; comparator: string; target: number; unit: string; status: string }[];
  goalsMet: number;
  goalsTotal: number;
  /** null: the follow-up domain has no records for this tenant yet. */
  followups: { done: number; missed: number } | null;
  risks: { modelId: string; from: string | null; to: string | null; fromScore: number | null; toScore: number | null; changed: boolean }[];
  advice: { publishedAt: string; items: number }[];
}

const dayStart = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const dayEnd = (iso: string) => Date.parse(`${iso}T23:59:59.999Z`);

/** The change of each metric over the period: the last value before/at the start (or the first inside) → the last inside. */
export function indicatorChanges(measurements: Measurement[], periodStart: string, periodEnd: string): IndicatorChange[] {
  const out: IndicatorChange[] = [];
  for (const metric of SUMMARY_METRICS) {
    const codes = METRIC_SOURCE[metric].loinc as readonly string[];
    const series = measurements.filter((m) => codes.includes(m.loinc) && m.observedAt.getTime() <= dayEnd(periodEnd)).sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
    const inside = series.filter((m) => m.observedAt.getTime() >= dayStart(periodStart));
    const last = inside[inside.length - 1];
    if (!last) continue;
    const before = series.filter((m) => m.observedAt.getTime() < dayStart(periodStart)).pop();
    const first = before ?? inside[0]!;
    if (first === last) continue;
    const delta = Math.round((last.value - first.value) * 100) / 100;
    const direction = delta > 0 ? "up" : delta < 0 ? "down" : "same";
    out.push({ metric, unit: METRIC_SOURCE[metric].unit, from: first.value, fromAt: first.observedAt.toISOString(), to: last.value, toAt: last.observedAt.toISOString(), direction, improved: direction === "same" ? null : direction === "down" });
  }
  return out;
}

export function riskChanges(assessments: { model_id: string; level: string | null; score: number | null; assessed_at: Date; status: string }[], periodStart: string, periodEnd: string): SummaryContent["risks"] {
  const models = [...new Set(assessments.map((a) => a.model_id))];
  return models
    .map((modelId) => {
      const rows = assessments.filter((a) => a.model_id === modelId && a.status === "assessed").sort((a, b) => a.assessed_at.getTime() - b.assessed_at.getTime());
      const at = (t: number) => rows.filter((r) => r.assessed_at.getTime() <= t).pop() ?? null;
      const from = at(dayStart(periodStart)) ?? rows.find((r) => r.assessed_at.getTime() >= dayStart(periodStart) && r.assessed_at.getTime() <= dayEnd(periodEnd)) ?? null;
      const to = at(dayEnd(periodEnd));
      return { modelId, from: from?.level ?? null, to: to?.level ?? null, fromScore: from?.score ?? null, toScore: to?.score ?? null, changed: (from?.level ?? null) !== (to?.level ?? null) || (from?.score ?? null) !== (to?.score ?? null) };
    })
    .filter((r) => r.to !== null);
}
