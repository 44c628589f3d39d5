import type { EChartsOption, LineSeriesOption } from "echarts";
import type { TTrendSeries } from "@/server/shared/dto/trends";

/** Everything the chart shows as text comes in here, already translated. Pure: no React, no Intl lookups of messages. */
export interface ChartText {
  locale: string;
  timeZone: string;
  reference: string;
  flagLabel: (flag: string | null) => string;
  seriesName: (s: TTrendSeries) => string;
}

export const SERIES_COLOURS = ["#0f766e", "#2563eb", "#7c3aed", "#b45309", "#0e7490", "#be185d"];
const ABNORMAL = "#b91c1c";
const BAND_FILL = "rgba(21, 128, 61, 0.08)";
const BAND_EDGE = "rgba(21, 128, 61, 0.45)";
const FONT = '"PingFang SC", "Microsoft YaHei", "Noto Sans SC", "Noto Sans CJK SC", system-ui, sans-serif';

export function formatChartDate(t: number, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(new Date(t));
}

function formatValue(v: number, locale: string): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "zh-CN", { maximumFractionDigits: 2 }).format(v);
}

function lineSeries(s: TTrendSeries, colour: string, name: string, yAxisIndex: number, band: boolean, text: ChartText): LineSeriesOption {
  const out: LineSeriesOption = {
    type: "line",
    name,
    yAxisIndex,
    showSymbol: true,
    symbol: "circle",
    symbolSize: s.points.length > 200 ? 3 : 6,
    lineStyle: { width: 2, color: colour },
    itemStyle: { color: colour },
    emphasis: { focus: "series" },
    // Each point carries its flag so the tooltip can say 偏高 / 偏低 in words, not only in red.
    data: s.points.map((p) => ({
      value: [p.t, p.v, p.flag ?? ""],
      ...(p.abnormal ? { symbol: "diamond", symbolSize: 11, itemStyle: { color: ABNORMAL, borderColor: "#fff", borderWidth: 1.5 } } : {}),
    })),
  };
  if (band && s.referenceLow !== null && s.referenceHigh !== null) {
    out.markArea = {
      silent: true,
      itemStyle: { color: BAND_FILL, borderColor: BAND_EDGE, borderWidth: 1, borderType: "dashed" },
      label: { show: true, position: "insideTopRight", color: "#166534", fontSize: 11, formatter: `${text.reference} ${formatValue(s.referenceLow, text.locale)}–${formatValue(s.referenceHigh, text.locale)}` },
      data: [[{ yAxis: s.referenceLow }, { yAxis: s.referenceHigh }]],
    };
  } else if (band && (s.referenceLow !== null || s.referenceHigh !== null)) {
    const limit = (s.referenceHigh ?? s.referenceLow)!;
    out.markLine = {
      silent: true,
      symbol: "none",
      lineStyle: { color: BAND_EDGE, type: "dashed" },
      label: { position: "insideEndTop", color: "#166534", fontSize: 11, formatter: `${text.reference} ${s.referenceHigh !== null ? "≤" : "≥"} ${formatValue(limit, text.locale)}` },
      data: [{ yAxis: limit }],
    };
  }
  return out;
}

type TooltipParam = { seriesName?: string; value?: unknown; color?: unknown; seriesIndex?: number };

/**
 * One chart for one or more indicators. Indicators sharing a unit share an axis; a second unit gets
 * a right-hand axis (BP in mmHg with weight in kg). The reference band is drawn when the chart shows
 * a single indicator, or a single unit with one indicator carrying a range.
 */
export function trendChartOption(seriesList: TTrendSeries[], text: ChartText): EChartsOption {
  const units = [...new Set(seriesList.map((s) => s.unit))].slice(0, 2);
  const single = seriesList.length === 1;
  const series = seriesList
    .filter((s) => units.includes(s.unit))
    .map((s, i) => lineSeries(s, SERIES_COLOURS[i % SERIES_COLOURS.length]!, text.seriesName(s), units.indexOf(s.unit), single, text));
  const unitOf = new Map(seriesList.map((s) => [text.seriesName(s), s.unit]));
  const allValues = seriesList.flatMap((s) => [...s.points.map((p) => p.v), s.referenceLow ?? Number.NaN, s.referenceHigh ?? Number.NaN]).filter(Number.isFinite);
  const span = allValues.length ? Math.max(...allValues) - Math.min(...allValues) : 0;
  const padding = span * 0.08 || 1;
  // Axis ends on the same step as the ticks (e.g. 80–200 by 20), so no odd end label like "83".
  const step = niceStep((span + 2 * padding) / 5);

  return {
    animationDuration: 300,
    textStyle: { fontFamily: FONT },
    color: SERIES_COLOURS,
    grid: { left: 56, right: units.length > 1 ? 56 : 24, top: seriesList.length > 1 ? 44 : 28, bottom: 56, containLabel: false },
    legend: seriesList.length > 1 ? { top: 0, left: 0, icon: "roundRect", itemWidth: 14, itemHeight: 8, textStyle: { color: "#334155" } } : undefined,
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "line", lineStyle: { color: "#94a3b8" } },
      backgroundColor: "#ffffff",
      borderColor: "#cbd5e1",
      textStyle: { color: "#0f172a", fontSize: 12 },
      formatter: (raw: unknown) => {
        const params = (Array.isArray(raw) ? raw : [raw]) as TooltipParam[];
        const first = params[0]?.value as [number, number, string] | undefined;
        if (!first) return "";
        const lines = params.map((p) => {
          const [, v, flag] = p.value as [number, number, string];
          const unit = unitOf.get(p.seriesName ?? "") ?? "";
          const flagText = flag ? ` <b style="color:${ABNORMAL}">${escapeHtml(text.flagLabel(flag))}</b>` : "";
          return `<span style="display:inline-block;width:8px;height:8px;border-radius:4px;background:${String(p.color)};margin-right:6px"></span>${escapeHtml(p.seriesName ?? "")}: <b>${formatValue(v, text.locale)}</b> ${escapeHtml(unit)}${flagText}`;
        });
        return `<div style="font-weight:600;margin-bottom:4px">${formatChartDate(first[0], text.locale, text.timeZone)}</div>${lines.join("<br/>")}`;
      },
    },
    xAxis: {
      type: "time",
      axisLine: { lineStyle: { color: "#94a3b8" } },
      axisLabel: { color: "#475569", hideOverlap: true, formatter: (v: number) => formatChartDate(v, text.locale, text.timeZone).slice(0, 7) },
      splitLine: { show: false },
    },
    yAxis: units.map((unit, i) => ({
      type: "value" as const,
      name: unit,
      nameLocation: "end" as const,
      nameTextStyle: { color: "#475569", align: i === 0 ? ("right" as const) : ("left" as const) },
      position: i === 0 ? ("left" as const) : ("right" as const),
      scale: true,
      min: (v: { min: number }) => Math.floor((Math.min(v.min, ...allValues) - padding) / step) * step,
      max: (v: { max: number }) => Math.ceil((Math.max(v.max, ...allValues) + padding) / step) * step,
      axisLabel: { color: "#475569" },
      splitLine: { show: i === 0, lineStyle: { color: "#e2e8f0" } },
    })),
    dataZoom: [
      { type: "inside", filterMode: "none" },
      { type: "slider", height: 18, bottom: 8, filterMode: "none", borderColor: "#e2e8f0", fillerColor: "rgba(15,118,110,0.12)", handleStyle: { color: "#0f766e" }, labelFormatter: (v: number) => formatChartDate(v, text.locale, text.timeZone) },
    ],
    series,
  };
}

/** 1, 2 or 5 × 10ⁿ at or above `raw` (raw > 0). */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
