"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeft, CalendarClock, CircleCheck } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { formatDate } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent } from "@/app/_components/ui/card";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { PageHeader } from "@/app/_components/ui/page-header";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage, serverFieldErrors } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import { AssessmentBadge } from "./assessment-badge";
import { FollowupHistory } from "./followup-history";
import { StepQuestions, type AnswerValue } from "./step-questions";
import { isLabelledKind } from "./task-labels";

const CONTACT_RESULTS = ["reached", "visited", "no_answer", "wrong_number", "refused"] as const;
type ContactResult = (typeof CONTACT_RESULTS)[number];
type NextMode = "auto" | "custom" | "end_plan";

function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

function numberOrNull(value: string): number | null {
  const n = Number(value.replace(",", "."));
  return value.trim() === "" || !Number.isFinite(n) ? null : n;
}

/**
 * The follow-up record: contact result, the step's questions, readings (BP, fasting glucose, danger
 * signs), note and next step. Saving completes the task; the answer shows the guideline's assessment
 * and the next task that was scheduled.
 */
export function FollowupRecordForm({ slug, taskId, timeZone }: { slug: string; taskId: string; timeZone: string }) {
  const t = useTranslations("followups");
  const locale = useLocale();
  const en = locale === "en";
  const ids = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const task = useQuery(trpc.followup.task.queryOptions({ taskId }));
  const [contact, setContact] = useState<ContactResult | "">("");
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const [sbp, setSbp] = useState("");
  const [dbp, setDbp] = useState("");
  const [fpg, setFpg] = useState("");
  const [dangerSigns, setDangerSigns] = useState(false);
  const [adverseReaction, setAdverseReaction] = useState(false);
  const [note, setNote] = useState("");
  const [nextMode, setNextMode] = useState<NextMode>("auto");
  const [nextDate, setNextDate] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const record = useMutation(
    trpc.followup.record.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.worklist.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.followup.records.pathKey() });
      },
      onError: (e) => {
        const se = serverFieldErrors(e, ["readings.systolicMmHg", "readings.diastolicMmHg", "readings.fastingGlucoseMmolL", "nextStep.dueDate", "note"]);
        setErrors({ ...se.fields, ...(se.form ? { form: se.form } : {}) });
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!contact) {
      setErrors({ contact: t("record.contactRequired") });
      return;
    }
    setErrors({});
    const cleaned = Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== ""));
    record.mutate({
      taskId,
      contactResult: contact,
      answers: cleaned,
      note: note.trim() || null,
      readings: { systolicMmHg: numberOrNull(sbp), diastolicMmHg: numberOrNull(dbp), fastingGlucoseMmolL: numberOrNull(fpg), dangerSigns, adverseReaction },
      nextStep: nextMode === "custom" ? { mode: "custom", dueDate: nextDate } : { mode: nextMode },
    });
  }

  const back = (
    <Button asChild variant="secondary">
      <Link href={`/h/${slug}/followups`}>
        <ArrowLeft aria-hidden className="size-4" />
        {t("record.back")}
      </Link>
    </Button>
  );

  if (task.isPending) return <Skeleton className="h-96" />;
  if (task.isError) {
    return (
      <div className="space-y-4">
        <Alert tone="error">{errorMessage(task.error)}</Alert>
        {back}
      </div>
    );
  }
  const data = task.data;
  const step = data.step;
  const reached = contact === "reached" || contact === "visited";
  const templateName = data.plan ? (en ? (data.plan.templateNameEn ?? data.plan.templateName) : data.plan.templateName) : null;
  const stepTitle = step ? (en ? (step.titleEn ?? step.title) : step.title) : null;
  const stepContent = step ? (en ? (step.contentEn ?? step.content) : step.content) : "";
  const saved = record.data;

  return (
    <>
      <PageHeader
        eyebrow={isLabelledKind(data.task.kind) ? t(`kinds.${data.task.kind}`) : data.task.kind}
        title={`${t("record.title")} · ${data.patient.nameMasked}`}
        description={[templateName ? t("record.plan", { name: templateName }) : null, stepTitle, data.task.dueAt ? t("record.dueAt", { at: formatDate(data.task.dueAt, locale, timeZone) }) : null].filter(Boolean).join(" · ")}
        actions={
          <>
            <Button asChild variant="ghost">
              <Link href={`/h/${slug}/patients/${data.patient.id}`}>{t("record.patientLink")}</Link>
            </Button>
            {back}
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-4">
          {saved ? (
            <Card>
              <CardContent className="space-y-3" role="status">
                <p className="flex items-center gap-2 text-base font-semibold text-green-800">
                  <CircleCheck aria-hidden className="size-5" />
                  {t("record.saved")}
                </p>
                {saved.assessment ? <AssessmentBadge assessment={saved.assessment} /> : null}
                <p className="text-sm text-slate-800">{t.has(`record.nextActions.${saved.nextAction}`) ? t(`record.nextActions.${saved.nextAction}` as "record.nextActions.routine") : saved.nextAction}</p>
                <p className="flex items-center gap-2 text-sm font-medium text-slate-900" data-testid="next-task">
                  <CalendarClock aria-hidden className="size-4 text-primary-700" />
                  {saved.nextDueAt ? t("record.nextTask", { at: formatDate(saved.nextDueAt, locale, timeZone) }) : t("record.noNextTask")}
                </p>
                <Button asChild>
                  <Link href={`/h/${slug}/followups`}>{t("record.backToList")}</Link>
                </Button>
              </CardContent>
            </Card>
          ) : data.task.status !== "open" ? (
            <Alert tone="info">{t("record.notOpen")}</Alert>
          ) : (
            <form onSubmit={submit} noValidate className="space-y-5">
              {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
              {stepContent ? (
                <Card>
                  <CardContent>
                    <h2 className="mb-1 text-sm font-semibold text-slate-800">{t("record.script")}</h2>
                    <p className="text-sm whitespace-pre-wrap text-slate-700">{stepContent}</p>
                  </CardContent>
                </Card>
              ) : null}

              <fieldset aria-describedby={errors.contact ? `${ids}-contact-error` : undefined}>
                <legend className="mb-1.5 text-sm font-medium text-slate-800">
                  {t("record.contact")}
                  <span aria-hidden className="ml-0.5 text-red-700">
                    *
                  </span>
                </legend>
                <div className="grid grid-cols-2 gap-2 sm:grid-cols-5">
                  {CONTACT_RESULTS.map((c) => (
                    <label key={c} className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-primary-600 has-[:checked]:bg-primary-50">
                      <input type="radio" name="contact" value={c} checked={contact === c} onChange={() => setContact(c)} className="accent-primary-600" />
                      {t(`record.contactResults.${c}`)}
                    </label>
                  ))}
                </div>
                {errors.contact ? (
                  <p id={`${ids}-contact-error`} className="mt-1 text-xs font-medium text-red-700">
                    {errors.contact}
                  </p>
                ) : null}
              </fieldset>

              {reached && step && step.questions.length > 0 ? <StepQuestions questions={step.questions} answers={answers} onChange={setAnswers} /> : null}

              {reached ? (
                <fieldset className="space-y-3">
                  <legend className="text-sm font-medium text-slate-800">{t("record.readings")}</legend>
                  <p className="text-xs text-slate-600">{t("record.readingsHint")}</p>
                  <div className="grid gap-3 sm:grid-cols-3">
                    <Field id={`${ids}-sbp`} label={`${t("record.sbp")} (mmHg)`} error={errors["readings.systolicMmHg"]}>
                      <Input {...fieldA11y(`${ids}-sbp`, { error: errors["readings.systolicMmHg"] })} inputMode="numeric" value={sbp} onChange={(e) => setSbp(e.target.value)} />
                    </Field>
                    <Field id={`${ids}-dbp`} label={`${t("record.dbp")} (mmHg)`} error={errors["readings.diastolicMmHg"]}>
                      <Input {...fieldA11y(`${ids}-dbp`, { error: errors["readings.diastolicMmHg"] })} inputMode="numeric" value={dbp} onChange={(e) => setDbp(e.target.value)} />
                    </Field>
                    <Field id={`${ids}-fpg`} label={`${t("record.fpg")} (mmol/L)`} error={errors["readings.fastingGlucoseMmolL"]}>
                      <Input {...fieldA11y(`${ids}-fpg`, { error: errors["readings.fastingGlucoseMmolL"] })} inputMode="decimal" value={fpg} onChange={(e) => setFpg(e.target.value)} />
                    </Field>
                  </div>
                  <label className="flex items-start gap-2 text-sm text-slate-800">
                    <input type="checkbox" checked={dangerSigns} onChange={(e) => setDangerSigns(e.target.checked)} className="mt-0.5 size-4 accent-primary-600" />
                    {t("record.dangerSigns")}
                  </label>
                  <label className="flex items-start gap-2 text-sm text-slate-800">
                    <input type="checkbox" checked={adverseReaction} onChange={(e) => setAdverseReaction(e.target.checked)} className="mt-0.5 size-4 accent-primary-600" />
                    {t("record.adverseReaction")}
                  </label>
                </fieldset>
              ) : null}

              <Field id={`${ids}-note`} label={t("record.note")} hint={t("record.noteHint")} error={errors.note}>
                <textarea
                  {...fieldA11y(`${ids}-note`, { hint: true, error: errors.note })}
                  value={note}
                  maxLength={4000}
                  rows={3}
                  onChange={(e) => setNote(e.target.value)}
                  className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-primary-600 focus:ring-2 focus:ring-primary-200 focus:outline-none"
                />
              </Field>

              <fieldset className="space-y-2">
                <legend className="text-sm font-medium text-slate-800">{t("record.next")}</legend>
                <label className="flex items-start gap-2 text-sm text-slate-800">
                  <input type="radio" name="next" checked={nextMode === "auto"} onChange={() => setNextMode("auto")} className="mt-0.5 accent-primary-600" />
                  <span>
                    {t("record.nextAuto")}
                    <span className="block text-xs text-slate-600">{t("record.nextAutoHint")}</span>
                  </span>
                </label>
                <label className="flex items-center gap-2 text-sm text-slate-800">
                  <input type="radio" name="next" checked={nextMode === "custom"} onChange={() => setNextMode("custom")} className="accent-primary-600" />
                  {t("record.nextCustom")}
                </label>
                {nextMode === "custom" ? (
                  <div className="ml-6 max-w-xs">
                    <Field id={`${ids}-next-date`} label={t("record.nextDate")} error={errors["nextStep.dueDate"]}>
                      <Input {...fieldA11y(`${ids}-next-date`, { error: errors["nextStep.dueDate"] })} type="date" min={todayIn(timeZone)} value={nextDate} onChange={(e) => setNextDate(e.target.value)} />
                    </Field>
                  </div>
                ) : null}
                {data.plan ? (
                  <label className="flex items-center gap-2 text-sm text-slate-800">
                    <input type="radio" name="next" checked={nextMode === "end_plan"} onChange={() => setNextMode("end_plan")} className="accent-primary-600" />
                    {t("record.nextEnd")}
                  </label>
                ) : null}
              </fieldset>

              <div className="flex justify-end">
                <Button type="submit" disabled={record.isPending}>
                  {t("record.submit")}
                </Button>
              </div>
            </form>
          )}
        </div>
        <aside className="space-y-3">
          {data.plan?.guideline ? (
            <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-700">
              {t.has(`record.guideline.${data.plan.guideline}`) ? t(`record.guideline.${data.plan.guideline}` as "record.guideline.hypertension") : data.plan.guideline}
            </p>
          ) : null}
          <FollowupHistory patientId={data.patient.id} timeZone={timeZone} />
        </aside>
      </div>
    </>
  );
}
