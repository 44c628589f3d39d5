"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { formatDateTime } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage, serverFieldErrors } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import { ABNORMAL_OUTCOMES, type AbnormalOutcome } from "@/server/modules/abnormal/rules/abnormal-classes";
import { AbnormalClassBadge } from "./abnormal-class-badge";
import { findingText } from "./finding-text";

/** The item with its findings and history; when open and allowed, the form that records the outcome and closes it. */
export function OutcomeDialog({ itemId, timeZone, canResolve, onClose, onClosed }: { itemId: string; timeZone: string; canResolve: boolean; onClose: () => void; onClosed: () => void }) {
  const t = useTranslations("abnormal");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const ids = useId();
  const item = useQuery(trpc.abnormal.byId.queryOptions({ itemId }));
  const [outcome, setOutcome] = useState<AbnormalOutcome | "">("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const close = useMutation(
    trpc.abnormal.close.mutationOptions({
      onSuccess: () => {
        toast.show({ tone: "success", message: t("dialog.closed") });
        void queryClient.invalidateQueries({ queryKey: trpc.abnormal.pathKey() });
        onClosed();
      },
      onError: (e) => {
        const se = serverFieldErrors(e, ["outcome", "note"]);
        setErrors({ ...se.fields, ...(se.form ? { form: se.form } : {}) });
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!outcome) {
      setErrors({ outcome: t("dialog.outcomeRequired") });
      return;
    }
    setErrors({});
    close.mutate({ itemId, outcome, note: note.trim() || undefined });
  }

  const data = item.data;
  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent title={t("dialog.title")} closeLabel={tc("close")} className="max-w-lg">
        {item.isPending ? <Skeleton className="h-40" /> : null}
        {item.isError ? <Alert tone="error">{errorMessage(item.error)}</Alert> : null}
        {data ? (
          <div className="space-y-4">
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <AbnormalClassBadge cls={data.class} />
              <span className="font-medium text-slate-900">{data.patientNameMasked}</span>
              <span className="text-slate-600">{t("dialog.foundAt", { at: formatDateTime(data.foundAt, locale, timeZone) })}</span>
            </div>
            <ul className="space-y-1 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm">
              {data.findings.map((f) => (
                <li key={f.observationId} className="flex flex-wrap justify-between gap-x-3">
                  <span className="font-medium text-slate-900">{findingText(f, locale)}</span>
                  <span className="text-slate-600">{t.has(`rules.${f.rule}`) ? t(`rules.${f.rule}` as "rules.A.sbp_180") : f.rule}</span>
                </li>
              ))}
            </ul>
            <p className="text-sm text-slate-700">
              {t("dialog.dueAt", { at: formatDateTime(data.dueAt, locale, timeZone) })}
              {data.overdue ? <b className="ml-2 text-red-700">{t("overdue")}</b> : null}
              {data.escalatedAt ? <span className="ml-2">{t("dialog.escalatedTo", { name: data.escalatedTo?.name ?? t("dialog.noLead") })}</span> : null}
            </p>

            {data.status === "closed" ? (
              <Alert tone="success">
                <p className="font-medium">{t(`outcomes.${data.outcome!}`)}</p>
                {data.outcomeNote ? <p className="mt-0.5 whitespace-pre-wrap">{data.outcomeNote}</p> : null}
                <p className="mt-0.5 text-xs">{t("dialog.closedBy", { name: data.closedBy?.name ?? "—", at: formatDateTime(data.closedAt!, locale, timeZone) })}</p>
              </Alert>
            ) : canResolve ? (
              <form onSubmit={submit} noValidate className="space-y-3">
                {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
                <fieldset aria-describedby={errors.outcome ? `${ids}-outcome-error` : undefined}>
                  <legend className="mb-1.5 text-sm font-medium text-slate-800">
                    {t("dialog.outcome")}
                    <span aria-hidden className="ml-0.5 text-red-700">
                      *
                    </span>
                  </legend>
                  <div className="grid grid-cols-2 gap-2">
                    {ABNORMAL_OUTCOMES.map((o) => (
                      <label key={o} className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-primary-600 has-[:checked]:bg-primary-50">
                        <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} className="accent-primary-600" />
                        {t(`outcomes.${o}`)}
                      </label>
                    ))}
                  </div>
                  {errors.outcome ? (
                    <p id={`${ids}-outcome-error`} className="mt-1 text-xs font-medium text-red-700">
                      {errors.outcome}
                    </p>
                  ) : null}
                </fieldset>
                <Field id={`${ids}-note`} label={t("dialog.note")} hint={t("dialog.noteHint")} error={errors.note}>
                  <textarea
                    {...fieldA11y(`${ids}-note`, { hint: true, error: errors.note })}
                    value={note}
                    maxLength={2000}
                    rows={3}
                    onChange={(e) => setNote(e.target.value)}
                    className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-primary-600 focus:ring-2 focus:ring-primary-200 focus:outline-none"
                  />
                </Field>
                <DialogFooter>
                  <Button type="button" variant="secondary" onClick={onClose}>
                    {tc("cancel")}
                  </Button>
                  <Button type="submit" disabled={close.isPending}>
                    {t("dialog.submit")}
                  </Button>
                </DialogFooter>
              </form>
            ) : (
              <p className="text-sm text-slate-600">{t("dialog.readOnly")}</p>
            )}

            {data.history.length > 0 ? (
              <section aria-label={t("dialog.history")}>
                <h3 className="mb-1 text-sm font-medium text-slate-800">{t("dialog.history")}</h3>
                <ol className="space-y-0.5 text-xs text-slate-600">
                  {data.history.map((h, i) => (
                    <li key={i}>
                      {formatDateTime(h.at, locale, timeZone)} · {t(`events.${h.kind}`)}
                      {h.actor ? ` · ${h.actor.name}` : ""}
                    </li>
                  ))}
                </ol>
              </section>
            ) : null}
          </div>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
