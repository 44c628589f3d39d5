import { z } from "zod";
import { TREND_WARNING_KINDS } from "@/server/modules/trends/rules/trend-warnings";

/** Codes per request: enough for the overview and the panels, small enough to stay one cheap query. */
export const MAX_TREND_CODES = 24;
const ZCode = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_.+\-]+$/, { error: "errors.invalidInput" });

export const ZTrendSeriesInput = z.object({
  patientId: z.uuid(),
  codes: z.array(ZCode).min(1).max(MAX_TREND_CODES),
});
export type TTrendSeriesInput = z.infer<typeof ZTrendSeriesInput>;

export const ZTrendPoint = z.object({
  /** Epoch milliseconds of the observation. */
  t: z.number(),
  v: z.number(),
  abnormal: z.boolean(),
  /** H, L, HH, LL, A, or null when normal. */
  flag: z.string().nullable(),
});

export const ZYearChange = z.object({
  year: z.number().int(),
  value: z.number(),
  previousYear: z.number().int().nullable(),
  previousValue: z.number().nullable(),
  change: z.number().nullable(),
  changePercent: z.number().nullable(),
});

export const ZTrendSeries = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  unit: z.string(),
  referenceLow: z.number().nullable(),
  referenceHigh: z.number().nullable(),
  /** Points shipped (≤ 1,000, every abnormal point kept). */
  points: z.array(ZTrendPoint),
  /** Points the patient has, before downsampling. */
  totalPoints: z.number().int(),
  yearOverYear: z.array(ZYearChange),
});
export type TTrendSeries = z.infer<typeof ZTrendSeries>;

const ZDatedValue = z.object({ at: z.date(), value: z.number() });
export const ZTrendWarning = z.object({
  kind: z.enum(TREND_WARNING_KINDS),
  code: z.string(),
  from: ZDatedValue,
  to: ZDatedValue,
  magnitude: z.number(),
});
export type TTrendWarning = z.infer<typeof ZTrendWarning>;

export const ZPatientTrends = z.object({
  patientId: z.uuid(),
  series: z.array(ZTrendSeries),
  warnings: z.array(ZTrendWarning),
});
export type TPatientTrends = z.infer<typeof ZPatientTrends>;

export const ZPatientIndicatorsInput = z.object({ patientId: z.uuid() });
export const ZPatientIndicator = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  unit: z.string(),
  count: z.number().int(),
  lastAt: z.date(),
});
export type TPatientIndicator = z.infer<typeof ZPatientIndicator>;

export const ZCompareInput = z.object({ patientId: z.uuid(), reportA: z.uuid(), reportB: z.uuid() });
export const ZCompareRow = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  unit: z.string(),
  a: z.object({ value: z.number().nullable(), text: z.string().nullable(), flag: z.string().nullable() }).nullable(),
  b: z.object({ value: z.number().nullable(), text: z.string().nullable(), flag: z.string().nullable() }).nullable(),
  /** Numeric direction from A to B; null when either side has no number. */
  direction: z.enum(["up", "down", "same"]).nullable(),
  change: z.number().nullable(),
});
export const ZReportRef = z.object({ id: z.uuid(), examDate: z.string(), source: z.string(), observationCount: z.number().int() });
export const ZCompare = z.object({ a: ZReportRef, b: ZReportRef, rows: z.array(ZCompareRow) });
export type TCompare = z.infer<typeof ZCompare>;
export type TReportRef = z.infer<typeof ZReportRef>;
