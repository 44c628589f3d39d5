"use client";

import dynamic from "next/dynamic";
import { useLocale, useTranslations } from "next-intl";
import { useMemo } from "react";
import { Skeleton } from "@/app/_components/ui/skeleton";
import type { TTrendSeries } from "@/server/shared/dto/trends";
import { trendChartOption } from "./trend-chart-options";
import { indicatorName } from "./indicator-name";

// ECharts (~400 kB) loads only when a chart is on screen, never on the server.
const Canvas = dynamic(() => import("./trend-chart-canvas"), { ssr: false, loading: () => <Skeleton className="h-full w-full" /> });

export function TrendChart({ series, timeZone, height = 260, label }: { series: TTrendSeries[]; timeZone: string; height?: number; label: string }) {
  const t = useTranslations("trends");
  const locale = useLocale();
  const option = useMemo(
    () =>
      trendChartOption(series, {
        locale,
        timeZone,
        reference: t("chart.reference"),
        flagLabel: (flag) => (flag ? t(`flags.${flagKey(flag)}`) : ""),
        seriesName: (s) => indicatorName(s, locale),
      }),
    [series, locale, timeZone, t],
  );
  return (
    <div style={{ height }}>
      <Canvas option={option} height={height} label={label} />
    </div>
  );
}

/** H / L / HH / LL / A → message key; anything else reads as "abnormal". */
export function flagKey(flag: string): "H" | "L" | "HH" | "LL" | "A" {
  const f = flag.toUpperCase();
  return f === "H" || f === "L" || f === "HH" || f === "LL" ? f : "A";
}
