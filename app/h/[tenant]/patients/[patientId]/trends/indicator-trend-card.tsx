"use client";

import { ArrowDownRight, ArrowRight, ArrowUpRight, TriangleAlert } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardContent, CardHeader } from "@/app/_components/ui/card";
import type { TTrendSeries } from "@/server/shared/dto/trends";
import { formatChartDate } from "./trend-chart-options";
import { flagKey, TrendChart } from "./trend-chart";
import { indicatorName } from "./indicator-name";

function num(v: number, locale: string, signed = false): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "zh-CN", { maximumFractionDigits: 2, signDisplay: signed ? "exceptZero" : "auto" }).format(v);
}

/** One indicator over all years: chart with the reference band, then the abnormal points and the change per year as text. */
export function IndicatorTrendCard({ series, timeZone }: { series: TTrendSeries; timeZone: string }) {
  const t = useTranslations("trends");
  const locale = useLocale();
  const name = indicatorName(series, locale);
  const latest = series.points.at(-1);
  const abnormal = series.points.filter((p) => p.abnormal);
  const lastChange = series.yearOverYear.at(-1);
  const range =
    series.referenceLow !== null && series.referenceHigh !== null
      ? `${num(series.referenceLow, locale)}–${num(series.referenceHigh, locale)}`
      : series.referenceHigh !== null
        ? `≤ ${num(series.referenceHigh, locale)}`
        : series.referenceLow !== null
          ? `≥ ${num(series.referenceLow, locale)}`
          : null;

  return (
    <Card className="min-w-0" data-indicator={series.code}>
      <CardHeader className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-3">
        <h3 className="text-base font-semibold text-slate-900">
          {name} <span className="text-sm font-normal text-slate-500">{series.unit}</span>
        </h3>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {latest ? (
            <span className="text-slate-700">
              {t("card.latest")}{" "}
              <b className={latest.abnormal ? "text-red-700" : "text-slate-900"}>
                {num(latest.v, locale)} {series.unit}
              </b>
              {latest.flag ? <span className="ml-1 text-red-700">{t(`flags.${flagKey(latest.flag)}`)}</span> : null}
            </span>
          ) : null}
          {lastChange && lastChange.change !== null ? <YearChangeBadge change={lastChange.change} percent={lastChange.changePercent} unit={series.unit} year={lastChange.previousYear!} /> : null}
        </div>
      </CardHeader>
      <CardContent className="pt-2">
        <TrendChart series={[series]} timeZone={timeZone} label={t("card.chartLabel", { name, count: series.points.length })} />
        <p className="mt-1 text-xs text-slate-600">
          {range ? t("card.range", { range, unit: series.unit }) : t("card.noRange")}
          {series.totalPoints > series.points.length ? ` · ${t("card.downsampled", { shown: series.points.length, total: series.totalPoints })}` : ""}
        </p>
        <div className="mt-3 grid gap-4 lg:grid-cols-2">
          <section aria-label={t("card.abnormalTitle", { name })}>
            <h4 className="mb-1 flex items-center gap-1 text-sm font-medium text-slate-800">
              <TriangleAlert aria-hidden className="size-4 text-red-700" />
              {t("card.abnormalTitle", { name })}
            </h4>
            {abnormal.length === 0 ? (
              <p className="text-sm text-slate-600">{t("card.noAbnormal")}</p>
            ) : (
              <ul className="max-h-40 space-y-0.5 overflow-auto text-sm" data-testid="abnormal-points">
                {abnormal
                  .slice(-20)
                  .reverse()
                  .map((p) => (
                    <li key={p.t} className="flex justify-between gap-3 tabular-nums">
                      <span className="text-slate-600">{formatChartDate(p.t, locale, timeZone)}</span>
                      <span className="font-medium text-red-800">
                        {num(p.v, locale)} {series.unit} {p.flag ? `· ${t(`flags.${flagKey(p.flag)}`)}` : ""}
                      </span>
                    </li>
                  ))}
              </ul>
            )}
          </section>
          <section aria-label={t("card.yoyTitle")}>
            <h4 className="mb-1 text-sm font-medium text-slate-800">{t("card.yoyTitle")}</h4>
            <table className="w-full text-sm tabular-nums">
              <thead className="sr-only">
                <tr>
                  <th scope="col">{t("card.year")}</th>
                  <th scope="col">{t("card.value")}</th>
                  <th scope="col">{t("card.change")}</th>
                </tr>
              </thead>
              <tbody>
                {series.yearOverYear
                  .slice(-5)
                  .reverse()
                  .map((y) => (
                    <tr key={y.year}>
                      <th scope="row" className="py-0.5 text-left font-normal text-slate-600">
                        {t("card.yearLabel", { year: y.year })}
                      </th>
                      <td className="py-0.5 text-right text-slate-900">
                        {num(y.value, locale)} {series.unit}
                      </td>
                      <td className="w-28 py-0.5 text-right">{y.change !== null ? <ChangeText change={y.change} percent={y.changePercent} /> : <span className="text-slate-400">—</span>}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>
        </div>
      </CardContent>
    </Card>
  );
}

function ChangeText({ change, percent }: { change: number; percent: number | null }) {
  const locale = useLocale();
  const Icon = change > 0 ? ArrowUpRight : change < 0 ? ArrowDownRight : ArrowRight;
  return (
    <span className="inline-flex items-center gap-0.5 text-slate-700">
      <Icon aria-hidden className="size-3.5" />
      {num(change, locale, true)}
      {percent !== null ? <span className="text-slate-500"> ({num(percent, locale, true)}%)</span> : null}
    </span>
  );
}

function YearChangeBadge({ change, percent, unit, year }: { change: number; percent: number | null; unit: string; year: number }) {
  const t = useTranslations("trends");
  const locale = useLocale();
  const Icon = change > 0 ? ArrowUpRight : change < 0 ? ArrowDownRight : ArrowRight;
  return (
    <Badge tone="neutral" title={t("card.vsYear", { year })}>
      <Icon aria-hidden className="size-3.5" />
      {t("card.vsYearShort", { year })} {num(change, locale, true)} {unit}
      {percent !== null ? ` (${num(percent, locale, true)}%)` : ""}
    </Badge>
  );
}
