"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId } from "react";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";

export type AnswerValue = string | number | boolean;

interface Question {
  key: string;
  label: string;
  labelEn?: string;
  type: "yesno" | "choice" | "number" | "text";
  options?: { value: string; label: string; labelEn?: string }[];
  unit?: string;
  required: boolean;
}

/** The structured questions of a template step; answers keyed by question key. */
export function StepQuestions({ questions, answers, onChange }: { questions: Question[]; answers: Record<string, AnswerValue>; onChange: (next: Record<string, AnswerValue>) => void }) {
  const t = useTranslations("followups");
  const en = useLocale() === "en";
  const ids = useId();
  const set = (key: string, value: AnswerValue | undefined) => {
    const next = { ...answers };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800">{t("record.questions")}</legend>
      {questions.map((q) => {
        const id = `${ids}-${q.key}`;
        const label = (
          <>
            {en ? (q.labelEn ?? q.label) : q.label}
            {q.unit ? ` (${q.unit})` : ""}
            {q.required ? (
              <span aria-hidden className="ml-0.5 text-red-700">
                *
              </span>
            ) : null}
          </>
        );
        if (q.type === "yesno") {
          return (
            <div key={q.key} role="radiogroup" aria-labelledby={`${id}-label`} aria-required={q.required || undefined} className="space-y-1">
              <p id={`${id}-label`} className="text-sm text-slate-800">
                {label}
              </p>
              <div className="flex gap-2">
                {[true, false].map((v) => (
                  <label key={String(v)} className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm has-[:checked]:border-primary-600 has-[:checked]:bg-primary-50">
                    <input type="radio" name={id} checked={answers[q.key] === v} onChange={() => set(q.key, v)} className="accent-primary-600" />
                    {v ? t("record.yes") : t("record.no")}
                  </label>
                ))}
              </div>
            </div>
          );
        }
        return (
          <div key={q.key} className="space-y-1">
            <label htmlFor={id} className="block text-sm text-slate-800">
              {label}
            </label>
            {q.type === "choice" ? (
              <Select id={id} aria-required={q.required || undefined} value={typeof answers[q.key] === "string" ? (answers[q.key] as string) : ""} onChange={(e) => set(q.key, e.target.value || undefined)} className="max-w-sm">
                <option value="">—</option>
                {(q.options ?? []).map((o) => (
                  <option key={o.value} value={o.value}>
                    {en ? (o.labelEn ?? o.label) : o.label}
                  </option>
                ))}
              </Select>
            ) : q.type === "number" ? (
              <Input
                id={id}
                aria-required={q.required || undefined}
                inputMode="decimal"
                className="max-w-40"
                value={answers[q.key] === undefined ? "" : String(answers[q.key])}
                onChange={(e) => {
                  const raw = e.target.value.trim();
                  const n = Number(raw);
                  set(q.key, raw === "" ? undefined : Number.isFinite(n) ? n : raw);
                }}
              />
            ) : (
              <textarea
                id={id}
                aria-required={q.required || undefined}
                rows={2}
                maxLength={2000}
                value={typeof answers[q.key] === "string" ? (answers[q.key] as string) : ""}
                onChange={(e) => set(q.key, e.target.value || undefined)}
                className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-primary-600 focus:ring-2 focus:ring-primary-200 focus:outline-none"
              />
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
