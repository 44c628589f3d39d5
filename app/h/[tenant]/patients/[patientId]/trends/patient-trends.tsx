"use client";

import { useQuery } from "@tanstack/react-query";
import { ChartLine, Layers, Rows2 } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import type { TTrendSeries } from "@/server/shared/dto/trends";
import { CompareView } from "./compare-view";
import { IndicatorTrendCard } from "./indicator-trend-card";
import { indicatorName } from "./indicator-name";
import { TrendChart } from "./trend-chart";
import { OVERVIEW_CODES, TREND_PANELS, type TrendPanelKey } from "./trend-panels";
import { TrendWarnings } from "./trend-warnings";

type View = "single" | "panel" | "compare";

/** 历年指标趋势: per-indicator charts, multi-indicator panels, exam comparison, trend warnings. */
export function PatientTrends({ patientId, timeZone }: { patientId: string; timeZone: string }) {
  const t = useTranslations("trends");
  const locale = useLocale();
  const trpc = useTRPC();
  const [view, setView] = useState<View>("single");
  const [selected, setSelected] = useState<string | null>(null);
  const [panel, setPanel] = useState<TrendPanelKey>("lipids");

  const indicators = useQuery(trpc.trends.indicators.queryOptions({ patientId }));
  const available = useMemo(() => indicators.data ?? [], [indicators.data]);
  const codes = useMemo(() => {
    const extra = available.map((i) => i.code).filter((c) => !OVERVIEW_CODES.includes(c));
    return [...OVERVIEW_CODES, ...extra].slice(0, 24);
  }, [available]);
  const trends = useQuery({ ...trpc.trends.series.queryOptions({ patientId, codes }), enabled: indicators.isSuccess && available.length > 0 });
  const reports = useQuery({ ...trpc.trends.reports.queryOptions({ patientId }), enabled: view === "compare" });

  const byCode = useMemo(() => new Map((trends.data?.series ?? []).map((s) => [s.code, s])), [trends.data]);
  const units = useMemo(() => Object.fromEntries((trends.data?.series ?? []).map((s) => [s.code, s.unit])), [trends.data]);
  const current: TTrendSeries | undefined = byCode.get(selected ?? "") ?? trends.data?.series[0];

  if (indicators.isError) return <Alert tone="error">{errorMessage(indicators.error)}</Alert>;
  if (indicators.isPending) return <Skeleton className="h-72" />;
  if (available.length === 0) return <EmptyState icon={ChartLine} title={t("empty.title")} description={t("empty.description")} />;

  const tabs: { key: View; label: string; icon: typeof ChartLine }[] = [
    { key: "single", label: t("views.single"), icon: ChartLine },
    { key: "panel", label: t("views.panel"), icon: Layers },
    { key: "compare", label: t("views.compare"), icon: Rows2 },
  ];

  return (
    <div className="space-y-4">
      {trends.data ? <TrendWarnings warnings={trends.data.warnings} timeZone={timeZone} units={units} /> : null}
      <div role="tablist" aria-label={t("views.label")} className="inline-flex rounded-md border border-slate-200 bg-slate-50 p-0.5">
        {tabs.map(({ key, label, icon: Icon }) => (
          <button
            key={key}
            role="tab"
            type="button"
            aria-selected={view === key}
            onClick={() => setView(key)}
            className={
              view === key
                ? "inline-flex items-center gap-1.5 rounded bg-white px-3 py-1.5 text-sm font-medium text-primary-800 shadow-sm"
                : "inline-flex items-center gap-1.5 rounded px-3 py-1.5 text-sm text-slate-600 hover:text-slate-900"
            }
          >
            <Icon aria-hidden className="size-4" />
            {label}
          </button>
        ))}
      </div>

      {trends.isError ? <Alert tone="error">{errorMessage(trends.error)}</Alert> : null}
      {view !== "compare" && trends.isPending ? <Skeleton className="h-72" /> : null}

      {view === "single" && trends.data ? (
        <div role="tabpanel" className="space-y-3">
          <div role="group" aria-label={t("pickIndicator")} className="flex flex-wrap gap-1.5">
            {trends.data.series.map((s) => {
              const active = s.code === current?.code;
              const hasAbnormal = s.points.some((p) => p.abnormal);
              return (
                <button
                  key={s.code}
                  type="button"
                  aria-pressed={active}
                  onClick={() => setSelected(s.code)}
                  className={
                    active
                      ? "rounded-full border border-primary-600 bg-primary-600 px-3 py-1 text-sm text-white"
                      : "rounded-full border border-slate-300 bg-white px-3 py-1 text-sm text-slate-700 hover:border-primary-500"
                  }
                >
                  {indicatorName(s, locale)}
                  {hasAbnormal ? <span className={active ? "ml-1 text-white" : "ml-1 text-red-700"}>{t("abnormalMark")}</span> : null}
                </button>
              );
            })}
          </div>
          {current ? <IndicatorTrendCard series={current} timeZone={timeZone} /> : null}
        </div>
      ) : null}

      {view === "panel" && trends.data ? (
        <div role="tabpanel" className="space-y-3">
          <div role="group" aria-label={t("pickPanel")} className="flex flex-wrap gap-1.5">
            {TREND_PANELS.map((p) => (
              <button
                key={p.key}
                type="button"
                aria-pressed={panel === p.key}
                onClick={() => setPanel(p.key)}
                className={
                  panel === p.key
                    ? "rounded-full border border-primary-600 bg-primary-600 px-3 py-1 text-sm text-white"
                    : "rounded-full border border-slate-300 bg-white px-3 py-1 text-sm text-slate-700 hover:border-primary-500"
                }
              >
                {t(`panels.${p.key}`)}
              </button>
            ))}
          </div>
          <PanelChart codes={TREND_PANELS.find((p) => p.key === panel)!.codes} byCode={byCode} timeZone={timeZone} title={t(`panels.${panel}`)} />
        </div>
      ) : null}

      {view === "compare" ? (
        <div role="tabpanel">
          {reports.isPending ? <Skeleton className="h-40" /> : reports.isError ? <Alert tone="error">{errorMessage(reports.error)}</Alert> : <CompareView patientId={patientId} reports={reports.data} />}
        </div>
      ) : null}
    </div>
  );
}

function PanelChart({ codes, byCode, timeZone, title }: { codes: readonly string[]; byCode: Map<string, TTrendSeries>; timeZone: string; title: string }) {
  const t = useTranslations("trends");
  const series = codes.map((c) => byCode.get(c)).filter((s): s is TTrendSeries => !!s && s.points.length > 0);
  if (series.length === 0) return <p className="text-sm text-slate-600">{t("panelEmpty")}</p>;
  return (
    <Card>
      <CardHeader className="py-3">
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        <TrendChart series={series} timeZone={timeZone} height={320} label={t("panelLabel", { title, count: series.length })} />
        <p className="mt-1 text-xs text-slate-600">{t("panelHint")}</p>
      </CardContent>
    </Card>
  );
}
