import { localDateOf, startOfLocalDay } from "@/server/shared/zoned-time";

export interface DatedValue {
  at: Date;
  value: number;
}

export interface YearChange {
  year: number;
  /** The year's last value (the latest check of that year). */
  value: number;
  previousYear: number | null;
  previousValue: number | null;
  /** value − previousValue, in the indicator's unit. */
  change: number | null;
  /** Relative change in percent, null when the previous value is 0. */
  changePercent: number | null;
}

/**
 * Year-over-year change per calendar year (tenant time zone), comparing each year's last value with
 * the last value of the previous year that has one. Sorted oldest first.
 */
export function yearOverYear(points: DatedValue[], timeZone: string): YearChange[] {
  const lastOfYear = new Map<number, DatedValue>();
  if (points.length === 0) return [];
  // Year boundaries computed once per year (not one time-zone lookup per point: series reach thousands).
  const times = points.map((p) => p.at.getTime());
  const firstYear = localDateOf(new Date(Math.min(...times)), timeZone).year;
  const lastYear = localDateOf(new Date(Math.max(...times)), timeZone).year;
  const starts: number[] = [];
  for (let y = firstYear; y <= lastYear + 1; y++) starts.push(startOfLocalDay({ year: y, month: 1, day: 1 }, timeZone).getTime());
  const yearOf = (t: number) => {
    let i = 0;
    while (i + 1 < starts.length && t >= starts[i + 1]!) i++;
    return firstYear + i;
  };
  for (const p of points) {
    const year = yearOf(p.at.getTime());
    const seen = lastOfYear.get(year);
    if (!seen || seen.at.getTime() <= p.at.getTime()) lastOfYear.set(year, p);
  }
  const years = [...lastOfYear.keys()].sort((a, b) => a - b);
  return years.map((year, i) => {
    const value = lastOfYear.get(year)!.value;
    const prevYear = i > 0 ? years[i - 1]! : null;
    const prev = prevYear !== null ? lastOfYear.get(prevYear)!.value : null;
    const change = prev !== null ? round(value - prev, 4) : null;
    return {
      year,
      value,
      previousYear: prevYear,
      previousValue: prev,
      change,
      changePercent: prev !== null && prev !== 0 ? round(((value - prev) / prev) * 100, 1) : null,
    };
  });
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
