"use client";

import { useQuery } from "@tanstack/react-query";
import { Activity, AlertTriangle, FlaskConical, History } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { formatDate } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useTRPC } from "@/app/_trpc/client";
import { riskModel } from "@/server/modules/risk/models/registry";
import type { RiskInputs, RiskModelId, RiskResult } from "@/server/modules/risk/models/types";
import { applicableScenarios, applyWhatIf, WHAT_IF_SCENARIOS, type WhatIfScenario } from "@/server/modules/risk/models/what-if";
import type { TRiskOverview } from "@/server/shared/dto/risk";
import { factorLabel, resultHeadline, scoreLabel, SEVERITY_BAR, SEVERITY_BORDER, SEVERITY_TONE, weightLabel } from "./risk-labels";

export function RiskPanel({ patientId, timeZone }: { patientId: string; timeZone: string }) {
  const trpc = useTRPC();
  const t = useTranslations("risk");
  const q = useQuery(trpc.risk.overview.queryOptions({ patientId }));
  if (q.isPending) return <Skeleton className="h-64 w-full" />;
  if (q.isError) return <Alert tone="error">{q.error.message}</Alert>;
  const data = q.data;
  const anyAssessed = data.current.some((c) => c.result.status === "assessed");
  return (
    <div className="space-y-4">
      {data.unitMismatches.map((u) => (
        <Alert key={u.input} tone="info">
          {t("ui.unitMismatch", { input: t(`input.${u.input}` as never), unit: u.unit })}
        </Alert>
      ))}
      {!anyAssessed ? <EmptyState icon={Activity} title={t("title")} description={t("ui.empty")} /> : null}
      <div className="grid gap-4 lg:grid-cols-2">
        {data.current.map((c) => (
          <RiskCard key={c.modelId} modelId={c.modelId} result={c.result as RiskResult} version={c.version} source={c.source} assessedAt={c.assessedAt} timeZone={timeZone} />
        ))}
      </div>
      <WhatIfPanel overview={data} />
      <RiskHistory overview={data} timeZone={timeZone} />
    </div>
  );
}

function RiskCard({ modelId, result, version, source, assessedAt, timeZone }: { modelId: RiskModelId; result: RiskResult; version: string; source: string; assessedAt: Date; timeZone: string }) {
  const t = useTranslations("risk");
  const locale = useLocale();
  const assessed = result.status === "assessed" ? result : null;
  const maxWeight = assessed ? Math.max(...assessed.factors.map((f) => Math.abs(f.weight)), 1e-9) : 1;
  return (
    <Card className={`border-l-4 ${assessed ? SEVERITY_BORDER[assessed.severity] : "border-l-slate-300"}`} data-testid={`risk-card-${modelId}`}>
      <CardHeader className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <CardTitle>{t(`models.${modelId}.title` as never)}</CardTitle>
          <p className="mt-0.5 text-xs text-slate-600">{t("ui.assessedAt", { date: formatDate(assessedAt, locale, timeZone) })}</p>
        </div>
        {assessed ? (
          <div className="flex items-center gap-2">
            <span className="text-lg font-semibold text-slate-900 tabular-nums">{scoreLabel(assessed, locale)}</span>
            <Badge tone={SEVERITY_TONE[assessed.severity]}>
              {assessed.severity >= 2 ? <AlertTriangle aria-hidden className="size-3.5" /> : null}
              {resultHeadline(t, modelId, result)}
            </Badge>
          </div>
        ) : (
          <Badge tone="neutral">{result.status === "out_of_population" ? t("ui.outOfPopulation") : "—"}</Badge>
        )}
      </CardHeader>
      <CardContent className="space-y-3 text-sm">
        {!assessed ? <p className="text-slate-700">{resultHeadline(t, modelId, result)}</p> : null}
        {assessed?.explanation.map((e, i) => (
          <p key={i} className="text-slate-700">
            {t(`explain.${e.key}` as never, (e.params ?? {}) as never)}
          </p>
        ))}
        {assessed && assessed.factors.length ? (
          <div>
            <h3 className="mb-1.5 text-xs font-medium text-slate-600">{t("ui.factors")}</h3>
            <ul className="space-y-1.5" data-testid="risk-factors">
              {assessed.factors.map((f, i) => (
                <li key={i} className="grid grid-cols-[minmax(0,11rem)_1fr_3rem] items-center gap-2">
                  <span className="truncate text-slate-800">{factorLabel(t, modelId, f)}</span>
                  <span className="h-2 rounded-full bg-slate-100">
                    <span className={`block h-2 rounded-full ${SEVERITY_BAR[assessed.severity]}`} style={{ width: `${Math.max(4, (Math.abs(f.weight) / maxWeight) * 100)}%` }} />
                  </span>
                  <span className="text-right text-xs text-slate-600 tabular-nums">{weightLabel(modelId, f)}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {assessed && assessed.recommendations.length ? (
          <div>
            <h3 className="mb-1 text-xs font-medium text-slate-600">{t("ui.recommendations")}</h3>
            <ul className="list-inside list-disc text-slate-800">
              {assessed.recommendations.map((r) => (
                <li key={r}>{t(`recommend.${r}` as never)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <p className="text-xs text-slate-500">
          {t("ui.model")}: {source} · v{version}
        </p>
      </CardContent>
    </Card>
  );
}

const WHAT_IF_MODELS: RiskModelId[] = ["cvd10", "cdrs", "hypertension", "metabolic_syndrome", "body"];

function WhatIfPanel({ overview }: { overview: TRiskOverview }) {
  const t = useTranslations("risk");
  const locale = useLocale();
  const inputs = overview.inputs as RiskInputs;
  const available = applicableScenarios(inputs);
  const [chosen, setChosen] = useState<WhatIfScenario[]>([]);
  const rows = useMemo(() => {
    const changed = applyWhatIf(inputs, chosen);
    return WHAT_IF_MODELS.map((id) => {
      const m = riskModel(id);
      return { id, before: m.assess(inputs), after: m.assess(changed) };
    }).filter((r) => r.before.status === "assessed");
  }, [inputs, chosen]);
  const show = (id: RiskModelId, r: RiskResult) => (r.status === "assessed" ? `${scoreLabel(r, locale)} · ${resultHeadline(t, id, r)}` : "—");
  return (
    <Card data-testid="what-if">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <FlaskConical aria-hidden className="size-4 text-primary-700" />
          {t("ui.whatIf")}
        </CardTitle>
        <p className="mt-0.5 text-xs text-slate-600">{t("ui.whatIfHint")}</p>
      </CardHeader>
      <CardContent className="space-y-3">
        {available.length === 0 ? <p className="text-sm text-slate-600">{t("ui.whatIfNone")}</p> : null}
        <fieldset className="flex flex-wrap gap-2">
          <legend className="sr-only">{t("ui.whatIf")}</legend>
          {WHAT_IF_SCENARIOS.map((s) => {
            const enabled = available.includes(s);
            const on = chosen.includes(s);
            return (
              <label key={s} className={`inline-flex cursor-pointer items-center gap-2 rounded-full border px-3 py-1.5 text-sm ${on ? "border-primary-600 bg-primary-50 text-primary-800" : "border-slate-300 text-slate-700"} ${enabled ? "" : "cursor-not-allowed opacity-50"}`}>
                <input type="checkbox" className="size-4 accent-primary-600" disabled={!enabled} checked={on} onChange={(e) => setChosen((c) => (e.target.checked ? [...c, s] : c.filter((x) => x !== s)))} />
                {t(`ui.scenario.${s}` as never)}
              </label>
            );
          })}
        </fieldset>
        <ul className="divide-y divide-slate-100 text-sm" aria-live="polite" data-testid="what-if-results">
          {rows.map(({ id, before, after }) => {
            const changed = JSON.stringify(before) !== JSON.stringify(after);
            return (
              <li key={id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <span className="text-slate-700">{t(`models.${id}.short` as never)}</span>
                <span className={`tabular-nums ${changed ? "font-medium text-primary-800" : "text-slate-600"}`}>
                  {show(id, before)}
                  {changed ? ` → ${show(id, after)}` : ""}
                </span>
              </li>
            );
          })}
        </ul>
      </CardContent>
    </Card>
  );
}

function RiskHistory({ overview, timeZone }: { overview: TRiskOverview; timeZone: string }) {
  const t = useTranslations("risk");
  const locale = useLocale();
  const rows = overview.history.filter((h) => h.status === "assessed");
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <History aria-hidden className="size-4 text-slate-500" />
          {t("ui.history")}
        </CardTitle>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t("ui.noHistory")}</p>
        ) : (
          <div className="max-h-72 overflow-y-auto">
            <table className="w-full text-sm">
              <tbody className="divide-y divide-slate-100">
                {rows.map((h, i) => (
                  <tr key={i}>
                    <td className="py-1.5 pr-3 whitespace-nowrap text-slate-600">{formatDate(h.assessedAt, locale, timeZone)}</td>
                    <td className="py-1.5 pr-3 text-slate-800">{t(`models.${h.modelId}.short` as never)}</td>
                    <td className="py-1.5 pr-3 text-slate-900 tabular-nums">{h.score ?? "—"}</td>
                    <td className="py-1.5">
                      <Badge tone={SEVERITY_TONE[(h.severity ?? 0) as 0 | 1 | 2 | 3]}>{h.level ? t.has(`level.${h.modelId}.${h.level}` as never) ? t(`level.${h.modelId}.${h.level}` as never) : h.level : "—"}</Badge>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </CardContent>
    </Card>
  );
}
