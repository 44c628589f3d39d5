import { describe, expect, it } from "vitest";
import { trendChartOption } from "@/app/h/[tenant]/patients/[patientId]/trends/trend-chart-options";
import type { TTrendSeries } from "@/server/shared/dto/trends";

const text = { locale: "zh-CN", timeZone: "Asia/Shanghai", reference: "参考范围", flagLabel: () => "", seriesName: (s: TTrendSeries) => s.name };

function series(values: number[], low: number | null, high: number | null): TTrendSeries {
  return {
    code: "X",
    name: "X",
    nameEn: null,
    unit: "u",
    referenceLow: low,
    referenceHigh: high,
    points: values.map((v, i) => ({ t: Date.UTC(2020 + i, 0, 1), v, flag: null, abnormal: false })),
    totalPoints: values.length,
    yearOverYear: [],
  } as TTrendSeries;
}

function axisEnds(s: TTrendSeries): [number, number] {
  const y = (trendChartOption([s], text).yAxis as { min: (v: { min: number }) => number; max: (v: { max: number }) => number }[])[0]!;
  const lo = Math.min(...s.points.map((p) => p.v));
  const hi = Math.max(...s.points.map((p) => p.v));
  return [y.min({ min: lo }), y.max({ max: hi })];
}

describe("trend chart value axis", () => {
  it("ends on round numbers of the tick step, with the band and every value inside", () => {
    expect(axisEnds(series([116, 120, 131, 168], 90, 139))).toEqual([80, 180]);
    expect(axisEnds(series([4.8, 5.0, 5.95], 3.9, 6.1))).toEqual([3, 7]);
    const [lo, hi] = axisEnds(series([1.05, 1.35], 1.0, null));
    expect(lo).toBeLessThanOrEqual(1.0);
    expect(hi).toBeGreaterThanOrEqual(1.35);
  });
});
