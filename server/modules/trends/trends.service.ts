import { TRPCError } from "@trpc/server";
import { recordAudit } from "@/server/audit/record";
import { inPatientTransaction, isoDate, loadPatientInScope, type PatientContext } from "@/server/modules/patient/patient-context";
import type { TCompare, TPatientIndicator, TPatientTrends, TReportRef, TTrendSeries, TTrendSeriesInput } from "@/server/shared/dto/trends";
import { downsampleKeepingAbnormal } from "./rules/downsample-series";
import { trendWarnings } from "./rules/trend-warnings";
import { yearOverYear, type DatedValue } from "./rules/year-over-year";
import { numericSeries, patientIndicators, patientReports, reportResults } from "./trends.repository";

/** Tenant time zone for calendar years; the tRPC context carries it, services called elsewhere default to Shanghai. */
function timeZoneOf(ctx: PatientContext): string {
  return (ctx.tenant as { timeZone?: string }).timeZone ?? "Asia/Shanghai";
}

type SeriesRow = Awaited<ReturnType<typeof numericSeries>>[number];

/** One indicator's values (oldest first, at least one) → the chart series: downsampled, reference band, year-over-year. */
export function toSeries(row: SeriesRow, values: DatedValue[], timeZone: string): TTrendSeries {
  const points = row.points!.map(([t, value, flag]) => ({ t, value, abnormal: flag !== null, flag }));
  const shipped = downsampleKeepingAbnormal(points);
  return {
    code: row.code,
    name: row.name_zh,
    nameEn: row.name_en,
    unit: row.unit,
    // The band is the range that applied to the latest result (the lab's own, else the default).
    referenceLow: row.latest_range?.[0] ?? null,
    referenceHigh: row.latest_range?.[1] ?? null,
    points: shipped.map((p) => ({ t: p.t, v: p.value, abnormal: p.abnormal, flag: (p as (typeof points)[number]).flag })),
    totalPoints: points.length,
    yearOverYear: yearOverYear(values, timeZone),
  };
}

/**
 * Trend series of up to 24 indicators for one patient, with the trend warnings. Two statements:
 * the scope check and the series query (the audit insert aside).
 */
export async function patientTrends(ctx: PatientContext, input: TTrendSeriesInput): Promise<TPatientTrends> {
  const codes = [...new Set(input.codes.map((c) => c.toUpperCase()))];
  const timeZone = timeZoneOf(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, input.patientId, "trends.series");
    const rows = (await numericSeries(trx, p.id, codes)).filter((r) => r.points?.length);
    const values = rows.reduce((n, r) => n + r.points!.length, 0);
    await recordAudit(trx, ctx.actor, { action: "trends.view", resourceType: "observation", patientId: p.id, purpose: "care", details: { codes, values } });
    const dated: Record<string, DatedValue[]> = {};
    const series = rows.map((r) => {
      const list = r.points!.map(([t, value]) => ({ at: new Date(t), value }));
      dated[r.code] = list;
      return toSeries(r, list, timeZone);
    });
    return { patientId: p.id, series, warnings: trendWarnings(dated) };
  });
}

export async function indicatorsWithResults(ctx: PatientContext, patientId: string): Promise<TPatientIndicator[]> {
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, patientId, "trends.indicators");
    const rows = await patientIndicators(trx, p.id);
    await recordAudit(trx, ctx.actor, { action: "trends.view", resourceType: "observation", patientId: p.id, purpose: "care", details: { indicators: rows.length } });
    return rows.map((r) => ({ code: r.code, name: r.name_zh, nameEn: r.name_en, unit: r.unit, count: Number(r.n), lastAt: new Date(r.last_at as Date) }));
  });
}

export async function reportsOf(ctx: PatientContext, patientId: string): Promise<TReportRef[]> {
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, patientId, "trends.reports");
    const rows = await patientReports(trx, p.id);
    await recordAudit(trx, ctx.actor, { action: "trends.view", resourceType: "exam_report", patientId: p.id, purpose: "care", details: { reports: rows.length } });
    return rows.map((r) => ({ id: r.id, examDate: isoDate(r.exam_date)!, source: r.source, observationCount: Number(r.n) }));
  });
}

/** Two exams side by side: every indicator either holds, with the direction of change. */
export async function compareReports(ctx: PatientContext, input: { patientId: string; reportA: string; reportB: string }): Promise<TCompare> {
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, input.patientId, "trends.compare");
    const reports = await trx
      .selectFrom("exam_reports")
      .select(["id", "exam_date", "source"])
      .where("patient_id", "=", p.id)
      .where("id", "in", [input.reportA, input.reportB])
      .execute();
    const a = reports.find((r) => r.id === input.reportA);
    const b = reports.find((r) => r.id === input.reportB);
    if (!a || !b) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    const rows = await reportResults(trx, p.id, [a.id, b.id]);
    await recordAudit(trx, ctx.actor, { action: "trends.compare", resourceType: "exam_report", resourceId: b.id, patientId: p.id, purpose: "care", details: { reports: [a.id, b.id] } });
    const byCode = new Map<string, { meta: (typeof rows)[number]; a: (typeof rows)[number] | null; b: (typeof rows)[number] | null }>();
    for (const r of rows) {
      const e = byCode.get(r.code) ?? { meta: r, a: null, b: null };
      // The last value of an indicator within a report wins (a repeat measurement).
      if (r.report_id === a.id) e.a = r;
      else e.b = r;
      byCode.set(r.code, e);
    }
    const side = (r: (typeof rows)[number] | null) => (r ? { value: r.value_num, text: r.value_text, flag: r.flag } : null);
    const count = (id: string) => rows.filter((r) => r.report_id === id).length;
    return {
      a: { id: a.id, examDate: isoDate(a.exam_date)!, source: a.source, observationCount: count(a.id) },
      b: { id: b.id, examDate: isoDate(b.exam_date)!, source: b.source, observationCount: count(b.id) },
      rows: [...byCode.values()].map(({ meta, a: ra, b: rb }) => {
        const change = ra?.value_num != null && rb?.value_num != null ? Math.round((rb.value_num - ra.value_num) * 1e4) / 1e4 : null;
        return {
          code: meta.code,
          name: meta.name_zh,
          nameEn: meta.name_en,
          unit: meta.unit,
          a: side(ra),
          b: side(rb),
          direction: change === null ? null : change > 0 ? ("up" as const) : change < 0 ? ("down" as const) : ("same" as const),
          change,
        };
      }),
    };
  });
}
