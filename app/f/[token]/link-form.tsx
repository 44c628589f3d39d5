"use client";

import { CheckCircle2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { FormRenderer } from "@/app/_components/forms/form-renderer";
import { ScoreBadges, type ScoreView } from "@/app/_components/forms/score-badges";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import type { TAnswers } from "@/server/shared/forms/answers";
import type { FormLocale, TFormDocument } from "@/server/shared/forms/document";
import { saveLinkAnswers } from "./actions";

export function LinkForm({ token, document, initialAnswers, status, scores, locale }: { token: string; document: TFormDocument; initialAnswers: TAnswers; status: string; scores: ScoreView[]; locale: FormLocale }) {
  const t = useTranslations("forms.fill");
  const [answers, setAnswers] = useState<TAnswers>(initialAnswers);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [done, setDone] = useState<ScoreView[] | null>(status === "completed" ? scores : null);
  const [pending, start] = useTransition();
  const top = useRef<HTMLHeadingElement>(null);

  const save = (complete: boolean) =>
    start(async () => {
      const result = await saveLinkAnswers(token, answers, complete);
      if (result.ok) {
        setErrors({});
        if (result.status === "completed") setDone(result.scores);
        else setMessage({ tone: "success", text: t("saved") });
      } else {
        setErrors(result.fieldErrors);
        setMessage({ tone: "error", text: Object.keys(result.fieldErrors).length ? t("fixErrors", { count: Object.keys(result.fieldErrors).length }) : result.message });
      }
      top.current?.scrollIntoView({ behavior: "smooth" });
      top.current?.focus();
    });

  if (done) {
    return (
      <section aria-labelledby="done-title" className="space-y-4">
        <div className="flex items-center gap-2 text-green-800">
          <CheckCircle2 aria-hidden className="size-6" />
          <h1 id="done-title" className="text-xl font-semibold">
            {t("thanksTitle")}
          </h1>
        </div>
        <p className="text-sm text-slate-700">{t("thanksBody")}</p>
        <ScoreBadges scores={done} locale={locale} />
      </section>
    );
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save(true);
      }}
      className="space-y-6"
      noValidate
    >
      <div>
        <h1 ref={top} tabIndex={-1} className="text-xl font-semibold text-slate-900 outline-none">
          {document.title[locale]}
        </h1>
        <p className="mt-1 text-xs text-slate-600">{t("resumeHint")}</p>
      </div>
      {message ? (
        <Alert tone={message.tone === "error" ? "error" : "success"}>
          {message.text}
        </Alert>
      ) : null}
      <FormRenderer document={document} locale={locale} answers={answers} onChange={(next) => (setAnswers(next), setMessage(null))} errors={errors} disabled={pending} large />
      <div className="sticky bottom-0 -mx-4 flex gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur">
        <Button type="button" variant="secondary" size="lg" className="flex-1" disabled={pending} onClick={() => save(false)}>
          {t("saveProgress")}
        </Button>
        <Button type="submit" size="lg" className="flex-1" disabled={pending}>
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}
