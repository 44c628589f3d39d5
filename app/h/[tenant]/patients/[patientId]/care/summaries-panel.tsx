"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowDown, ArrowRight, ArrowUp, NotebookPen } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatDate } from "@/app/_components/format";
import { errorMessage } from "@/app/_components/server-errors";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Input } from "@/app/_components/ui/input";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import type { TSummary } from "@/server/shared/dto/summary";
import { formatIsoDate } from "../../_components/format-iso-date";

const today = () => new Date().toISOString().slice(0, 10);
const monthsAgo = (n: number) => {
  const d = new Date();
  d.setMonth(d.getMonth() - n);
  return d.toISOString().slice(0, 10);
};

export function SummariesPanel({ patientId, timeZone, canWrite }: { patientId: string; timeZone: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations("care.summaries");
  const toast = useToast();
  const qc = useQueryClient();
  const q = useQuery(trpc.summary.list.queryOptions({ patientId }));
  const [from, setFrom] = useState(monthsAgo(3));
  const [to, setTo] = useState(today());
  const generate = useMutation(
    trpc.summary.generate.mutationOptions({
      onSuccess: (r) => {
        toast.show({ tone: r.outcome === "already_published" ? "error" : "success", message: t(r.outcome === "created" ? "generated" : r.outcome === "refreshed" ? "refreshed" : "alreadyPublished") });
        void qc.invalidateQueries({ queryKey: trpc.summary.list.queryKey({ patientId }) });
      },
      onError: (e) => toast.show({ tone: "error", message: errorMessage(e) }),
    }),
  );
  if (q.isPending) return <Skeleton className="h-40 w-full" />;
  if (q.isError) return <Alert tone="error">{q.error.message}</Alert>;
  return (
    <div className="space-y-4">
      {canWrite ? (
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            generate.mutate({ patientId, periodStart: from, periodEnd: to });
          }}
        >
          <label className="text-sm">
            <span className="mb-1 block text-slate-700">{t("from")}</span>
            <Input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label className="text-sm">
            <span className="mb-1 block text-slate-700">{t("to")}</span>
            <Input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
          </label>
          <Button type="submit" disabled={generate.isPending}>
            <NotebookPen aria-hidden className="size-4" />
            {t("generate")}
          </Button>
        </form>
      ) : null}
      {q.data.length === 0 ? <EmptyState icon={NotebookPen} title={t("title")} description={t("none")} /> : null}
      {q.data.map((s) => (
        <SummaryCard key={s.id} summary={s} patientId={patientId} timeZone={timeZone} canWrite={canWrite} />
      ))}
    </div>
  );
}

function SummaryCard({ summary, patientId, timeZone, canWrite }: { summary: TSummary; patientId: string; timeZone: string; canWrite: boolean }) {
  const t = useTranslations("care.summaries");
  const tp = useTranslations("care.plans");
  const tr = useTranslations("risk");
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [text, setText] = useState(summary.narrative);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.summary.list.queryKey({ patientId }) });
  const save = useMutation(trpc.summary.update.mutationOptions({ onSuccess: () => (toast.show({ tone: "success", message: t("saved") }), void refresh()), onError: (e) => setError(errorMessage(e)) }));
  const publish = useMutation(trpc.summary.publish.mutationOptions({ onSuccess: () => (toast.show({ tone: "success", message: t("published") }), void refresh()), onError: (e) => setError(errorMessage(e)) }));
  const c = summary.content;
  const draft = summary.status === "draft";
  const levelLabel = (model: string, level: string | null) => (level ? (tr.has(`level.${model}.${level}` as never) ? tr(`level.${model}.${level}` as never) : level) : "—");
  return (
    <Card data-testid="summary-card">
      <CardHeader className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <CardTitle>{t("period", { from: formatIsoDate(summary.periodStart, locale), to: formatIsoDate(summary.periodEnd, locale) })}</CardTitle>
          <p className="mt-0.5 text-xs text-slate-600">
            {t(`source.${summary.source}`)}
            {summary.publishedAt ? ` · ${t("publishedBy", { name: summary.publishedBy?.name ?? "—", date: formatDate(summary.publishedAt, locale, timeZone) })}` : ""}
          </p>
        </div>
        <Badge tone={draft ? "attention" : "ok"}>{t(`status.${summary.status}`)}</Badge>
      </CardHeader>
      <CardContent className="grid gap-5 lg:grid-cols-2">
        <section>
          <h3 className="mb-1.5 text-xs font-medium text-slate-600">{t("indicators")}</h3>
          {c.indicators.length === 0 ? <p className="text-sm text-slate-600">{t("noChanges")}</p> : null}
          <ul className="divide-y divide-slate-100 text-sm">
            {c.indicators.map((i) => {
              const Icon = i.direction === "up" ? ArrowUp : i.direction === "down" ? ArrowDown : ArrowRight;
              const tone = i.improved === true ? "text-green-700" : i.improved === false ? "text-red-700" : "text-slate-500";
              return (
                <li key={i.metric} className="grid grid-cols-[1fr_auto] items-center gap-2 py-1.5">
                  <span className="text-slate-800">{tp(`metric.${i.metric}` as never)}</span>
                  <span className="flex items-center gap-1.5 tabular-nums">
                    <span className="text-slate-600">{i.from}</span>
                    <Icon aria-label={t(i.improved === true ? "improved" : i.improved === false ? "worsened" : "unchanged")} className={`size-4 ${tone}`} />
                    <span className="font-medium text-slate-900">
                      {i.to} <span className="text-xs font-normal text-slate-500">{i.unit}</span>
                    </span>
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
        <section className="space-y-3 text-sm">
          <div>
            <h3 className="mb-1 text-xs font-medium text-slate-600">{t("goals")}</h3>
            <p className="text-slate-800">{c.goalsTotal ? t("goalsMet", { met: c.goalsMet, total: c.goalsTotal }) : "—"}</p>
          </div>
          <div>
            <h3 className="mb-1 text-xs font-medium text-slate-600">{t("followups")}</h3>
            <p className="text-slate-800">{c.followups ? t("followupsCount", c.followups) : t("followupsNone")}</p>
          </div>
          <div>
            <h3 className="mb-1 text-xs font-medium text-slate-600">{t("risks")}</h3>
            <ul className="text-slate-800">
              {c.risks.map((r) => (
                <li key={r.modelId}>
                  {tr(`models.${r.modelId}.short` as never)}: {levelLabel(r.modelId, r.from)} → <span className="font-medium">{levelLabel(r.modelId, r.to)}</span>
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3 className="mb-1 text-xs font-medium text-slate-600">{t("advice")}</h3>
            <p className="text-slate-800">{c.advice.length ? c.advice.map((a) => t("adviceCount", { date: formatDate(new Date(a.publishedAt), locale, timeZone), items: a.items })).join("；") : t("adviceNone")}</p>
          </div>
        </section>
        <section className="lg:col-span-2">
          <label className="block text-sm">
            <span className="mb-1 block text-xs font-medium text-slate-600">{t("narrative")}</span>
            {draft && canWrite ? (
              <>
                <textarea className="block min-h-28 w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-primary-600 focus:ring-2 focus:ring-primary-200 focus:outline-none" value={text} onChange={(e) => setText(e.target.value)} maxLength={8000} placeholder={t("narrativeHint")} />
              </>
            ) : (
              <span className="block whitespace-pre-line text-slate-800">{summary.narrative || "—"}</span>
            )}
          </label>
          {error ? (
            <Alert tone="error" className="mt-2">
              {error}
            </Alert>
          ) : null}
          {draft && canWrite ? (
            <div className="mt-2 flex justify-end gap-2">
              <Button variant="secondary" onClick={() => save.mutate({ summaryId: summary.id, narrative: text })} disabled={save.isPending}>
                {t("save")}
              </Button>
              <Button
                onClick={async () => {
                  setError(null);
                  if (text !== summary.narrative) await save.mutateAsync({ summaryId: summary.id, narrative: text }).catch(() => null);
                  publish.mutate({ summaryId: summary.id });
                }}
                disabled={publish.isPending}
              >
                {t("publish")}
              </Button>
            </div>
          ) : null}
        </section>
      </CardContent>
    </Card>
  );
}
