"use client";

import { Sparkles } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import type { TTagChip } from "@/server/shared/dto/patient";

/** "indicator.SBP.value" → "SBP", "score.phq9.total" → "phq9 · total": short, still exact. */
export function factLabel(name: string): string {
  const indicator = /^indicator\.([^.]+)\.value$/.exec(name);
  if (indicator) return indicator[1]!;
  const other = /^indicator\.([^.]+)\.(\w+)$/.exec(name);
  if (other) return `${other[1]} · ${other[2]}`;
  const score = /^score\.([^.]+)\.(\w+)$/.exec(name);
  if (score) return `${score[1]} · ${score[2]}`;
  return name;
}

const PUNCTUATION = { zh: { colon: "：", comma: "，", list: "、" }, en: { colon: ": ", comma: ", ", list: ", " } };

function factValue(value: unknown, list: string): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.join(list) || "—";
  return String(value);
}

/** Why each automatic tag is there: the rule, its version, and the fact values that made it fire. */
export function AutoTagReasons({ tags }: { tags: TTagChip[] }) {
  const t = useTranslations("rules.why");
  const p = PUNCTUATION[useLocale() === "en" ? "en" : "zh"];
  const auto = tags.filter((tag) => tag.auto);
  if (auto.length === 0) return null;
  return (
    <ul className="mt-3 space-y-1.5 border-t border-slate-100 pt-3" aria-label={t("title")}>
      {auto.map((tag) => (
        <li key={tag.id} className="flex gap-1.5 text-xs text-slate-700" data-testid="auto-tag-reason">
          <Sparkles aria-hidden className="mt-0.5 size-3.5 shrink-0 text-primary-700" />
          <span>
            <span className="font-medium text-slate-900">{tag.name}</span>
            {" · "}
            {t("line", { rule: tag.auto!.rule, version: tag.auto!.version ?? 1 })}
            {Object.keys(tag.auto!.facts).length ? p.colon : ""}
            {Object.entries(tag.auto!.facts)
              .map(([name, value]) => `${factLabel(name)} = ${factValue(value, p.list)}`)
              .join(p.comma)}
          </span>
        </li>
      ))}
    </ul>
  );
}
