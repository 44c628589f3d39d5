"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BellRing, Mail, MessageSquareText, Plus, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatDateTime } from "@/app/_components/format";
import { errorMessage } from "@/app/_components/server-errors";
import { Badge, type BadgeProps } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import { NewReminderDialog } from "./new-reminder-dialog";

type Status = "scheduled" | "deferred" | "sent" | "partly_sent" | "failed" | "skipped" | "cancelled";
const TONE: Record<Status, NonNullable<BadgeProps["tone"]>> = {
  scheduled: "primary",
  deferred: "attention",
  sent: "ok",
  partly_sent: "attention",
  failed: "critical",
  skipped: "neutral",
  cancelled: "neutral",
};
const ICON: Record<Status, string> = { scheduled: "◷", deferred: "⏸", sent: "✓", partly_sent: "◐", failed: "✕", skipped: "–", cancelled: "✕" };

/** A patient's reminders with their delivery status; create and cancel. */
export function RemindersPanel({ patientId, timeZone, canWrite }: { patientId: string; timeZone: string; canWrite: boolean }) {
  const t = useTranslations("reminders.reminders");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const list = useQuery({ ...trpc.reminder.list.queryOptions({ patientId }), refetchInterval: (q) => (q.state.data?.some((r) => r.status === "scheduled" || r.status === "deferred") ? 5000 : false) });
  const cancel = useMutation(
    trpc.reminder.cancel.mutationOptions({
      onSuccess: () => {
        toast.show({ tone: "success", message: t("cancelled") });
        void queryClient.invalidateQueries({ queryKey: trpc.reminder.list.queryKey({ patientId }) });
      },
      onError: (e) => toast.show({ tone: "error", message: errorMessage(e) }),
    }),
  );
  const reason = (r: string | null) => (r && t.has(`reasons.${r}`) ? t(`reasons.${r}` as "reasons.staff") : null);

  return (
    <Card>
      <CardHeader className="flex flex-row items-center justify-between gap-2">
        <CardTitle className="flex items-center gap-2">
          <BellRing aria-hidden className="size-4 text-slate-500" />
          {t("title")}
        </CardTitle>
        {canWrite ? (
          <Button size="sm" onClick={() => setCreating(true)}>
            <Plus aria-hidden className="size-4" />
            {t("new")}
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {!list.data ? (
          <p className="text-sm text-slate-600">{list.isError ? errorMessage(list.error) : t("loading")}</p>
        ) : list.data.length === 0 ? (
          <p className="text-sm text-slate-600">{canWrite ? t("empty") : t("emptyReadOnly")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label={t("title")}>
            {list.data.map((r) => {
              const when = formatDateTime(r.sendAt, locale, timeZone);
              return (
                <li key={r.id} className="py-2.5" data-testid="reminder-row">
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0">
                      <p className="font-medium text-slate-900">
                        {t(`kinds.${r.kind}`)}
                        {r.purpose === "marketing" ? <span className="ml-1.5 text-xs font-normal text-slate-600">· {t("purposes.marketing")}</span> : null}
                      </p>
                      <p className="text-xs text-slate-600 tabular-nums">
                        {when}
                        {r.subjectAt ? ` → ${formatDateTime(r.subjectAt, locale, timeZone)}` : ""}
                      </p>
                      {r.note ? <p className="mt-0.5 text-sm text-slate-700">{r.note}</p> : null}
                    </div>
                    <div className="flex items-center gap-2">
                      <Badge tone={TONE[r.status]}>
                        <span aria-hidden>{ICON[r.status]}</span>
                        {t(`status.${r.status}`)}
                      </Badge>
                      {canWrite && (r.status === "scheduled" || r.status === "deferred") ? (
                        <Button size="sm" variant="ghost" aria-label={t("cancelAria", { when, kind: t(`kinds.${r.kind}`) })} disabled={cancel.isPending} onClick={() => cancel.mutate({ reminderId: r.id })}>
                          <X aria-hidden className="size-4" />
                          <span className="hidden sm:inline">{t("cancel")}</span>
                        </Button>
                      ) : null}
                    </div>
                  </div>
                  <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
                    {r.channels.map((c) => {
                      const d = r.deliveries.find((x) => x.channel === c);
                      const Icon = c === "sms" ? MessageSquareText : Mail;
                      return (
                        <span key={c} className="inline-flex items-center gap-1">
                          <Icon aria-hidden className="size-3.5" />
                          {t(`channels.${c}`)}
                          {d ? `: ${t(`delivery.${d.status}`)}${reason(d.statusReason) ? ` (${reason(d.statusReason)})` : ""}` : ""}
                        </span>
                      );
                    })}
                    {r.status === "deferred" && r.deferredUntil ? (
                      <span>
                        {t("deferredUntil", { time: formatDateTime(r.deferredUntil, locale, timeZone) })}
                        {reason(r.statusReason) ? ` · ${reason(r.statusReason)}` : ""}
                      </span>
                    ) : (r.status === "cancelled" || r.status === "skipped") && reason(r.statusReason) ? (
                      <span>{reason(r.statusReason)}</span>
                    ) : null}
                    {r.createdBy ? <span>{t("createdBy", { name: r.createdBy })}</span> : null}
                  </p>
                </li>
              );
            })}
          </ul>
        )}
        {list.isFetching && list.data ? <span className="sr-only">{tc("loading")}</span> : null}
      </CardContent>
      {creating ? <NewReminderDialog patientId={patientId} timeZone={timeZone} onClose={() => setCreating(false)} /> : null}
    </Card>
  );
}
