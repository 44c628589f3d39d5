"use client";

import { TrendingDown, TrendingUp } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import type { TTrendWarning } from "@/server/shared/dto/trends";
import { formatChartDate } from "./trend-chart-options";

function num(v: number, locale: string): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "zh-CN", { maximumFractionDigits: 2 }).format(v);
}

/** Trend warnings in words: what changed, from when to when, by how much. */
export function TrendWarnings({ warnings, timeZone, units }: { warnings: TTrendWarning[]; timeZone: string; units: Record<string, string> }) {
  const t = useTranslations("trends.warnings");
  const locale = useLocale();
  if (warnings.length === 0) return null;
  return (
    <section aria-labelledby="trend-warnings-title" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3">
      <h3 id="trend-warnings-title" className="text-sm font-semibold text-amber-900">
        {t("title", { count: warnings.length })}
      </h3>
      <ul className="mt-1.5 space-y-1 text-sm text-amber-950">
        {warnings.map((w) => {
          const Icon = w.kind === "egfr_decline" ? TrendingDown : TrendingUp;
          const unit = units[w.code] ?? "";
          const values = {
            from: `${num(w.from.value, locale)} ${unit}`,
            to: `${num(w.to.value, locale)} ${unit}`,
            fromDate: formatChartDate(w.from.at.getTime(), locale, timeZone),
            toDate: formatChartDate(w.to.at.getTime(), locale, timeZone),
            percent: num(w.magnitude * 100, locale),
            slope: num(w.magnitude, locale),
            ratio: num(w.magnitude, locale),
            cut: num(w.magnitude, locale),
          };
          return (
            <li key={w.kind} className="flex items-start gap-2">
              <Icon aria-hidden className="mt-0.5 size-4 shrink-0" />
              <span>{t(w.kind, values)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
