"use client";

import { useTranslations } from "next-intl";
import type { FormLocale, TText } from "@/server/shared/forms/document";
import { Badge } from "@/app/_components/ui/badge";

export interface ScoreView {
  id: string;
  title: TText;
  value: number;
  answered: number;
  of: number;
  band: { label: TText; severity: "normal" | "attention" | "high" | "critical" } | null;
}

const TONE = { normal: "ok", attention: "attention", high: "critical", critical: "critical" } as const;
const MARK = { normal: "", attention: "↑ ", high: "↑↑ ", critical: "⚠ " } as const;

/** Score, band label and severity as text and tone (colour is never the only signal). */
export function ScoreBadges({ scores, locale }: { scores: ScoreView[]; locale: FormLocale }) {
  const t = useTranslations("forms.fill");
  if (scores.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2">
      {scores.map((s) => (
        <li key={s.id} className="flex items-center gap-1.5 text-sm">
          <span className="text-slate-700">{s.title[locale]}</span>
          <span className="font-semibold text-slate-900" data-testid={`score-${s.id}`}>
            {s.value}
          </span>
          {s.answered < s.of ? <span className="text-xs text-slate-500">{t("partial", { answered: s.answered, of: s.of })}</span> : null}
          {s.band ? (
            <Badge tone={TONE[s.band.severity]}>
              {MARK[s.band.severity]}
              {s.band.label[locale]}
            </Badge>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
