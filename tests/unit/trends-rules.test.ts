import { describe, expect, it } from "vitest";
import { downsampleKeepingAbnormal, MAX_POINTS_PER_SERIES, type SeriesPoint } from "@/server/modules/trends/rules/downsample-series";
import { slopePerYear, trendWarnings } from "@/server/modules/trends/rules/trend-warnings";
import { yearOverYear } from "@/server/modules/trends/rules/year-over-year";

const at = (iso: string, value: number) => ({ at: new Date(iso), value });

describe("trend warnings (worked examples)", () => {
  it("eGFR 92 → 65 over five years is a 29 % fall: warned; 92 → 70 (24 %) is not", () => {
    const w = trendWarnings({ EGFR: [at("2021-06-01T00:00:00Z", 92), at("2023-06-01T00:00:00Z", 80), at("2026-05-01T00:00:00Z", 65)] });
    expect(w).toEqual([{ kind: "egfr_decline", code: "EGFR", from: at("2021-06-01T00:00:00Z", 92), to: at("2026-05-01T00:00:00Z", 65), magnitude: 0.293 }]);
    expect(trendWarnings({ EGFR: [at("2021-06-01T00:00:00Z", 92), at("2026-05-01T00:00:00Z", 70)] })).toEqual([]);
  });

  it("eGFR baseline is the earliest value within five years of the latest", () => {
    // 2015's 120 is outside the window; within it 80 → 64 is exactly 20 %: no warning.
    expect(trendWarnings({ EGFR: [at("2015-01-01T00:00:00Z", 120), at("2022-01-01T00:00:00Z", 80), at("2026-01-01T00:00:00Z", 64)] })).toEqual([]);
    // 80 → 60 is exactly 25 %: warned.
    expect(trendWarnings({ EGFR: [at("2022-01-01T00:00:00Z", 80), at("2026-01-01T00:00:00Z", 60)] })[0]?.magnitude).toBe(0.25);
  });

  it("FPG 4.6 → 5.1 → 5.7 yearly rises 0.55 mmol/L a year while still < 6.1: warned", () => {
    const w = trendWarnings({ FPG: [at("2024-03-01T00:00:00Z", 4.6), at("2025-03-01T00:00:00Z", 5.1), at("2026-03-01T00:00:00Z", 5.7)] });
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ kind: "fpg_rising_normal", code: "FPG", magnitude: 0.55 });
  });

  it("FPG: no warning once the latest value is no longer normal, when it rises < 0.5/yr, or with too few years", () => {
    expect(trendWarnings({ FPG: [at("2024-03-01T00:00:00Z", 5.0), at("2025-03-01T00:00:00Z", 5.6), at("2026-03-01T00:00:00Z", 6.2)] })).toEqual([]);
    expect(trendWarnings({ FPG: [at("2024-03-01T00:00:00Z", 4.8), at("2025-03-01T00:00:00Z", 5.1), at("2026-03-01T00:00:00Z", 5.6)] })).toEqual([]);
    expect(trendWarnings({ FPG: [at("2025-03-01T00:00:00Z", 4.0), at("2026-03-01T00:00:00Z", 5.9)] })).toEqual([]);
  });

  it("ALT 24 → 52 U/L is a doubling (ratio 2.17): warned; 15 → 32 is below the floor; 30 → 55 is not double", () => {
    expect(trendWarnings({ ALT: [at("2025-01-01T00:00:00Z", 24), at("2026-01-01T00:00:00Z", 52)] })).toEqual([
      { kind: "alt_doubled", code: "ALT", from: at("2025-01-01T00:00:00Z", 24), to: at("2026-01-01T00:00:00Z", 52), magnitude: 2.17 },
    ]);
    expect(trendWarnings({ ALT: [at("2025-01-01T00:00:00Z", 15), at("2026-01-01T00:00:00Z", 32)] })).toEqual([]);
    expect(trendWarnings({ ALT: [at("2025-01-01T00:00:00Z", 30), at("2026-01-01T00:00:00Z", 55)] })).toEqual([]);
  });

  it("BMI crossing 24 or 28 since the previous value", () => {
    expect(trendWarnings({ BMI: [at("2025-01-01T00:00:00Z", 23.5), at("2026-01-01T00:00:00Z", 24.0)] })[0]).toMatchObject({ kind: "bmi_category_up", magnitude: 24 });
    expect(trendWarnings({ BMI: [at("2025-01-01T00:00:00Z", 23.0), at("2026-01-01T00:00:00Z", 29.1)] })[0]).toMatchObject({ kind: "bmi_category_up", magnitude: 28 });
    expect(trendWarnings({ BMI: [at("2025-01-01T00:00:00Z", 24.5), at("2026-01-01T00:00:00Z", 27.9)] })).toEqual([]);
  });

  it("unsorted input is sorted first; empty series give nothing", () => {
    expect(trendWarnings({ ALT: [at("2026-01-01T00:00:00Z", 52), at("2025-01-01T00:00:00Z", 24)] })).toHaveLength(1);
    expect(trendWarnings({})).toEqual([]);
  });

  it("least-squares slope per year", () => {
    expect(slopePerYear([at("2024-01-01T00:00:00Z", 1), at("2026-01-01T00:00:00Z", 2)])).toBeCloseTo(0.5, 2);
    expect(slopePerYear([at("2024-01-01T00:00:00Z", 1)])).toBeNull();
  });
});

describe("year-over-year change", () => {
  it("compares each year's last value with the previous year's, in the tenant's time zone", () => {
    const rows = yearOverYear(
      [
        at("2024-05-01T00:00:00Z", 5.0),
        at("2024-11-01T00:00:00Z", 5.2),
        // 31 Dec 2025 20:00 UTC is already 1 Jan 2026 in Shanghai.
        at("2025-12-31T20:00:00Z", 6.5),
        at("2025-06-01T00:00:00Z", 5.2),
      ],
      "Asia/Shanghai",
    );
    expect(rows).toEqual([
      { year: 2024, value: 5.2, previousYear: null, previousValue: null, change: null, changePercent: null },
      { year: 2025, value: 5.2, previousYear: 2024, previousValue: 5.2, change: 0, changePercent: 0 },
      { year: 2026, value: 6.5, previousYear: 2025, previousValue: 5.2, change: 1.3, changePercent: 25 },
    ]);
  });
});

describe("LTTB downsampling", () => {
  function series(n: number, abnormalEvery: number): SeriesPoint[] {
    return Array.from({ length: n }, (_, i) => ({ t: Date.UTC(2016, 0, 1) + i * 3_600_000, value: 120 + 15 * Math.sin(i / 40) + (i % 7), abnormal: abnormalEvery > 0 && i % abnormalEvery === 0 }));
  }

  it("ships at most 1,000 points and keeps every abnormal point, in time order", () => {
    const input = series(20_000, 97);
    const abnormal = input.filter((p) => p.abnormal);
    expect(abnormal.length).toBe(207);
    const out = downsampleKeepingAbnormal(input);
    expect(out.length).toBeLessThanOrEqual(MAX_POINTS_PER_SERIES);
    expect(out.length).toBeGreaterThan(900);
    for (const p of abnormal) expect(out).toContain(p);
    for (let i = 1; i < out.length; i++) expect(out[i]!.t).toBeGreaterThan(out[i - 1]!.t);
    expect(out[0]).toBe(input[0]);
    expect(out.at(-1)).toBe(input.at(-1));
  });

  it("keeps the extremes that LTTB is meant to keep (a single spike survives)", () => {
    const input = series(5_000, 0);
    input[2_345] = { ...input[2_345]!, value: 400 };
    expect(downsampleKeepingAbnormal(input)).toContainEqual(input[2_345]);
  });

  it("leaves short series untouched and thins abnormal points only when they alone exceed the limit", () => {
    const short = series(800, 3);
    expect(downsampleKeepingAbnormal(short)).toBe(short);
    const allAbnormal = series(3_000, 1);
    expect(downsampleKeepingAbnormal(allAbnormal)).toHaveLength(1000);
  });
});
