"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ClipboardList, Copy, Link2, PenLine } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { formatDateTime } from "@/app/_components/format";
import { FormRenderer } from "@/app/_components/forms/form-renderer";
import { ScoreBadges } from "@/app/_components/forms/score-badges";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import type { TAnswers } from "@/server/shared/forms/answers";

type Dialogs = { kind: "new" } | { kind: "link" } | { kind: "fill"; responseId: string } | null;

/** Questionnaires and 问诊表 of one patient: responses with scores, fill for the patient, or issue a link. */
export function PatientForms({ patientId, timeZone }: { patientId: string; timeZone: string }) {
  const t = useTranslations("forms.patient");
  const locale = useLocale() === "en" ? "en" : "zh-CN";
  const trpc = useTRPC();
  const responses = useQuery(trpc.forms.responses.queryOptions({ patientId }));
  const [dialog, setDialog] = useState<Dialogs>(null);
  return (
    <Card>
      <CardHeader className="flex flex-wrap items-center justify-between gap-2">
        <CardTitle className="flex items-center gap-2">
          <ClipboardList aria-hidden className="size-4 text-slate-500" />
          {t("title")}
        </CardTitle>
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" onClick={() => setDialog({ kind: "link" })}>
            <Link2 aria-hidden className="size-4" />
            {t("sendLink")}
          </Button>
          <Button size="sm" onClick={() => setDialog({ kind: "new" })}>
            <PenLine aria-hidden className="size-4" />
            {t("fillNow")}
          </Button>
        </div>
      </CardHeader>
      <CardContent>
        {responses.isPending ? (
          <p className="text-sm text-slate-600">{t("loading")}</p>
        ) : !responses.data?.length ? (
          <p className="text-sm text-slate-600">{t("empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {responses.data.map((r) => (
              <li key={r.id} className="flex flex-wrap items-start justify-between gap-2 py-2.5" data-testid="form-response">
                <div className="min-w-0 space-y-1">
                  <p className="text-sm font-medium text-slate-900">
                    {r.title[locale]} <span className="text-xs font-normal text-slate-500">v{r.version}</span>
                  </p>
                  <p className="text-xs text-slate-600">
                    {r.status === "completed" ? t("completedAt", { at: formatDateTime(r.completedAt!, locale, timeZone) }) : r.channel === "link" && r.linkExpiresAt ? t("waitingLink", { at: formatDateTime(r.linkExpiresAt, locale, timeZone) }) : t("inProgress")}
                  </p>
                  {r.status === "completed" ? <ScoreBadges scores={r.scores} locale={locale} /> : null}
                </div>
                <div className="flex items-center gap-2">
                  <Badge tone={r.status === "completed" ? "ok" : "attention"}>{t(`status.${r.status}`)}</Badge>
                  <Button size="sm" variant="secondary" onClick={() => setDialog({ kind: "fill", responseId: r.id })}>
                    {r.status === "in_progress" ? t("continue") : t("view")}
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      {dialog?.kind === "new" ? <ChooseForm patientId={patientId} mode="fill" onClose={() => setDialog(null)} onStarted={(responseId) => setDialog({ kind: "fill", responseId })} /> : null}
      {dialog?.kind === "link" ? <ChooseForm patientId={patientId} mode="link" onClose={() => setDialog(null)} onStarted={() => undefined} timeZone={timeZone} /> : null}
      {dialog?.kind === "fill" ? <FillDialog responseId={dialog.responseId} onClose={() => setDialog(null)} /> : null}
    </Card>
  );
}

function ChooseForm({ patientId, mode, onClose, onStarted, timeZone }: { patientId: string; mode: "fill" | "link"; onClose: () => void; onStarted: (responseId: string) => void; timeZone?: string }) {
  const t = useTranslations("forms.patient");
  const tc = useTranslations("common");
  const locale = useLocale() === "en" ? "en" : "zh-CN";
  const id = useId();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const forms = useQuery(trpc.forms.list.queryOptions({ includeArchived: false }));
  const [definitionId, setDefinitionId] = useState("");
  const [hours, setHours] = useState("72");
  const [error, setError] = useState<string>();
  const [link, setLink] = useState<{ url: string; expiresAt: Date } | null>(null);
  const toast = useToast();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.forms.responses.queryKey({ patientId }) });
  const start = useMutation(trpc.forms.start.mutationOptions({ onSuccess: (r) => (refresh(), onStarted(r.responseId)), onError: (e) => setError(e.message) }));
  const issue = useMutation(
    trpc.forms.createLink.mutationOptions({
      onSuccess: (r) => (refresh(), setLink({ url: `${window.location.origin}${r.path}`, expiresAt: r.expiresAt })),
      onError: (e) => setError(e.message),
    }),
  );
  const published = forms.data?.filter((f) => f.currentVersion !== null) ?? [];
  const submit = () => {
    if (!definitionId) return setError(t("chooseFormError"));
    if (mode === "fill") start.mutate({ patientId, definitionId });
    else issue.mutate({ patientId, definitionId, validHours: Number(hours) });
  };
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={mode === "fill" ? t("fillNow") : t("sendLink")} description={mode === "link" ? t("linkHint") : undefined} closeLabel={tc("close")} className="max-w-lg">
        {link ? (
          <div className="space-y-3">
            <Alert tone="success">{t("linkReady", { at: formatDateTime(link.expiresAt, locale, timeZone ?? "Asia/Shanghai") })}</Alert>
            <div className="flex gap-2">
              <input readOnly value={link.url} aria-label={t("linkLabel")} data-testid="form-link" className="h-10 w-full rounded-md border border-slate-300 bg-slate-50 px-3 text-xs text-slate-800" onFocus={(e) => e.currentTarget.select()} />
              <Button variant="secondary" onClick={() => void navigator.clipboard?.writeText(link.url).then(() => toast.show({ tone: "success", message: t("copied") }))}>
                <Copy aria-hidden className="size-4" />
                {t("copy")}
              </Button>
            </div>
            <DialogFooter>
              <Button onClick={onClose}>{tc("close")}</Button>
            </DialogFooter>
          </div>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
            className="space-y-4"
          >
            <Field id={`${id}-form`} label={t("form")} error={error} required>
              <Select {...fieldA11y(`${id}-form`, { error, required: true })} value={definitionId} onChange={(e) => (setDefinitionId(e.target.value), setError(undefined))}>
                <option value="">{forms.isPending ? tc("loading") : t("chooseForm")}</option>
                {published.map((f) => (
                  <option key={f.id} value={f.id}>
                    {f.title[locale]} (v{f.currentVersion})
                  </option>
                ))}
              </Select>
            </Field>
            {mode === "link" ? (
              <Field id={`${id}-hours`} label={t("validFor")}>
                <Select id={`${id}-hours`} value={hours} onChange={(e) => setHours(e.target.value)}>
                  {["24", "72", "168", "336"].map((h) => (
                    <option key={h} value={h}>
                      {t("hours", { hours: Number(h) })}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
            <DialogFooter>
              <Button type="button" variant="secondary" onClick={onClose}>
                {tc("cancel")}
              </Button>
              <Button type="submit" disabled={start.isPending || issue.isPending}>
                {mode === "fill" ? t("start") : t("createLink")}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

function FillDialog({ responseId, onClose }: { responseId: string; onClose: () => void }) {
  const t = useTranslations("forms.patient");
  const tf = useTranslations("forms.fill");
  const tc = useTranslations("common");
  const locale = useLocale() === "en" ? "en" : "zh-CN";
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const router = useRouter();
  const response = useQuery(trpc.forms.response.queryOptions({ responseId }));
  const [answers, setAnswers] = useState<TAnswers | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const current = answers ?? response.data?.answers ?? {};
  const save = useMutation(
    trpc.forms.saveAnswers.mutationOptions({
      onSuccess: (r) => {
        void qc.invalidateQueries({ queryKey: trpc.forms.responses.queryKey() });
        void qc.invalidateQueries({ queryKey: trpc.patient.byId.queryKey() });
        toast.show({ tone: "success", message: r.status === "completed" ? t("submitted") : tf("saved") });
        if (r.status === "completed") {
          router.refresh();
          onClose();
        }
      },
      onError: (e) => {
        const fieldErrors: Record<string, string> = {};
        for (const issue of e.data?.zodIssues ?? []) if (issue.path[0] === "answers" && typeof issue.path[1] === "string") fieldErrors[issue.path[1]] ??= issue.message;
        setErrors(fieldErrors);
        setMessage(Object.keys(fieldErrors).length ? tf("fixErrors", { count: Object.keys(fieldErrors).length }) : e.message);
      },
    }),
  );
  const readOnly = response.data?.status !== "in_progress";
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={response.data ? `${response.data.document.title[locale]} · v${response.data.version}` : tc("loading")} closeLabel={tc("close")} className="max-h-[90vh] max-w-2xl overflow-y-auto">
        {response.data ? (
          <div className="space-y-4">
            {readOnly ? <ScoreBadges scores={response.data.scores} locale={locale} /> : null}
            {message ? <Alert tone="error">{message}</Alert> : null}
            <FormRenderer document={response.data.document} locale={locale} answers={current} onChange={(next) => (setAnswers(next), setMessage(undefined))} errors={errors} disabled={readOnly || save.isPending} />
            <DialogFooter>
              <Button type="button" variant="secondary" onClick={onClose}>
                {tc("close")}
              </Button>
              {readOnly ? null : (
                <>
                  <Button type="button" variant="secondary" disabled={save.isPending} onClick={() => save.mutate({ responseId, answers: current, complete: false })}>
                    {tf("saveProgress")}
                  </Button>
                  <Button type="button" disabled={save.isPending} onClick={() => save.mutate({ responseId, answers: current, complete: true })}>
                    {tf("submit")}
                  </Button>
                </>
              )}
            </DialogFooter>
          </div>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
