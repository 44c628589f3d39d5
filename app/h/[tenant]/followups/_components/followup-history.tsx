"use client";

import { useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import { AssessmentBadge } from "./assessment-badge";

/** The patient's earlier follow-up records, newest first: contact, readings, assessment, next step, note. */
export function FollowupHistory({ patientId, timeZone }: { patientId: string; timeZone: string }) {
  const t = useTranslations("followups");
  const locale = useLocale();
  const trpc = useTRPC();
  const records = useQuery(trpc.followup.records.queryOptions({ patientId, limit: 10 }));

  return (
    <section aria-labelledby="followup-history-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="followup-history-title" className="mb-3 text-sm font-semibold text-slate-900">
        {t("history.title")}
      </h2>
      {records.isPending ? <Skeleton className="h-24" /> : null}
      {records.isError ? <Alert tone="error">{errorMessage(records.error)}</Alert> : null}
      {records.data?.length === 0 ? <p className="text-sm text-slate-600">{t("history.empty")}</p> : null}
      <ol className="space-y-3">
        {records.data?.map((r) => {
          const readings = [
            r.systolicMmHg !== null && r.diastolicMmHg !== null ? `${r.systolicMmHg}/${r.diastolicMmHg} mmHg` : null,
            r.fastingGlucoseMmolL !== null ? `${t("record.fpg")} ${r.fastingGlucoseMmolL} mmol/L` : null,
          ].filter(Boolean);
          return (
            <li key={r.id} data-record-id={r.id} className="space-y-1 border-b border-slate-100 pb-3 text-sm last:border-0 last:pb-0">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900 tabular-nums">{formatDateTime(r.recordedAt, locale, timeZone)}</span>
                <span className="text-slate-700">{t.has(`record.contactResults.${r.contactResult}`) ? t(`record.contactResults.${r.contactResult}` as "record.contactResults.reached") : r.contactResult}</span>
                {r.assessment ? <AssessmentBadge assessment={r.assessment} /> : null}
              </div>
              {readings.length ? (
                <p className="text-slate-700 tabular-nums">
                  {t("history.readings")}: {readings.join(" · ")}
                </p>
              ) : null}
              {r.nextAction ? (
                <p className="text-xs text-slate-600">{t.has(`record.nextActions.${r.nextAction}`) ? t(`record.nextActions.${r.nextAction}` as "record.nextActions.routine") : r.nextAction}</p>
              ) : null}
              {r.note ? (
                <p className="text-xs whitespace-pre-wrap text-slate-700">
                  {t("history.note")}: {r.note}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
