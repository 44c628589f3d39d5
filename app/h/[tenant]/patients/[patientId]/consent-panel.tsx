"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ShieldCheck } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { formatDateTime } from "@/app/_components/format";
import { errorMessage } from "@/app/_components/server-errors";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";

type Purpose = "care" | "marketing";
const SOURCES = ["paper_form", "verbal", "portal", "staff"] as const;

/** Consent per purpose (care reminders vs marketing): current state, history, grant / withdraw. */
export function ConsentPanel({ patientId, timeZone, canWrite }: { patientId: string; timeZone: string; canWrite: boolean }) {
  const t = useTranslations("reminders.consent");
  const tr = useTranslations("reminders.reminders");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const overview = useQuery(trpc.consent.get.queryOptions({ patientId }));
  const [dialog, setDialog] = useState<null | { purpose: Purpose; action: "grant" | "withdraw" }>(null);

  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <ShieldCheck aria-hidden className="size-4 text-slate-500" />
          {t("title")}
        </CardTitle>
      </CardHeader>
      <CardContent>
        {!overview.data ? (
          <p className="text-sm text-slate-600">{overview.isError ? errorMessage(overview.error) : tc("loading")}</p>
        ) : (
          <>
            <ul className="space-y-3">
              {(["care", "marketing"] as const).map((purpose) => {
                const current = overview.data.current[purpose];
                return (
                  <li key={purpose} className="flex flex-wrap items-center justify-between gap-2" data-testid={`consent-${purpose}`}>
                    <div className="min-w-0">
                      <p className="font-medium text-slate-900">{tr(`purposes.${purpose}`)}</p>
                      <p className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
                        <Badge tone={current?.granted ? "ok" : current ? "critical" : "neutral"}>{current?.granted ? `✓ ${t("granted")}` : current ? `✕ ${t("withdrawn")}` : t("none")}</Badge>
                        {current ? `${t("since", { date: formatDateTime(current.recordedAt, locale, timeZone) })} · ${t(`sources.${current.source as (typeof SOURCES)[number]}`)}` : null}
                      </p>
                    </div>
                    {canWrite ? (
                      <Button size="sm" variant="secondary" onClick={() => setDialog({ purpose, action: current?.granted ? "withdraw" : "grant" })}>
                        {current?.granted ? t("withdraw") : t("grant")}
                      </Button>
                    ) : null}
                  </li>
                );
              })}
            </ul>
            <details className="mt-4 border-t border-slate-100 pt-3">
              <summary className="cursor-pointer text-sm font-medium text-slate-800">{t("history")}</summary>
              {overview.data.history.length === 0 ? (
                <p className="mt-2 text-sm text-slate-600">{t("historyEmpty")}</p>
              ) : (
                <ol className="mt-2 space-y-1.5 text-sm">
                  {overview.data.history.map((h) => (
                    <li key={h.id} className="flex flex-wrap gap-x-2 text-slate-700">
                      <span className="text-xs text-slate-600 tabular-nums">{formatDateTime(h.recordedAt, locale, timeZone)}</span>
                      <span className={h.action === "grant" ? "text-green-800" : "text-red-800"}>{h.action === "grant" ? `✓ ${t("granted")}` : `✕ ${t("withdrawn")}`}</span>
                      <span>{tr(`purposes.${h.purpose}`)}</span>
                      <span className="text-xs text-slate-600">
                        {t(`sources.${h.source as (typeof SOURCES)[number]}`)}
                        {h.channel ? ` · ${tr(`channels.${h.channel}`)}` : ""}
                      </span>
                    </li>
                  ))}
                </ol>
              )}
            </details>
          </>
        )}
      </CardContent>
      {dialog ? <RecordConsentDialog patientId={patientId} {...dialog} onClose={() => setDialog(null)} /> : null}
    </Card>
  );
}

function RecordConsentDialog({ patientId, purpose, action, onClose }: { patientId: string; purpose: Purpose; action: "grant" | "withdraw"; onClose: () => void }) {
  const t = useTranslations("reminders.consent");
  const tr = useTranslations("reminders.reminders");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const [source, setSource] = useState<(typeof SOURCES)[number]>(action === "grant" ? "paper_form" : "verbal");
  const [error, setError] = useState<string>();
  const record = useMutation(
    trpc.consent.record.mutationOptions({
      onSuccess: (r) => {
        toast.show({ tone: "success", message: action === "withdraw" ? t("recordedWithdraw", { count: r.cancelledReminders }) : t("recorded") });
        void queryClient.invalidateQueries({ queryKey: trpc.consent.get.queryKey({ patientId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.reminder.list.queryKey({ patientId }) });
        onClose();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    record.mutate({ patientId, purpose, action, source });
  }
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={t("dialogTitle", { action: t(`actions.${action}`), purpose: tr(`purposes.${purpose}`) })} description={t("explain")} closeLabel={tc("close")}>
        <form onSubmit={submit} noValidate className="space-y-4">
          <Field id={`${id}-source`} label={t("source")} error={error} required>
            <Select {...fieldA11y(`${id}-source`, { error, required: true })} value={source} onChange={(e) => setSource(e.target.value as (typeof SOURCES)[number])}>
              {SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`sources.${s}`)}
                </option>
              ))}
            </Select>
          </Field>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" variant={action === "withdraw" ? "danger" : "primary"} disabled={record.isPending}>
              {action === "grant" ? t("grant") : t("withdraw")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
