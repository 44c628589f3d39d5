import type { useTranslations } from "next-intl";
import type { RiskFactor, RiskModelId, RiskResult } from "@/server/modules/risk/models/types";

type T = ReturnType<typeof useTranslations<"risk">>;

export const SEVERITY_TONE = ["ok", "attention", "attention", "critical"] as const;
export const SEVERITY_BAR = ["bg-green-500", "bg-amber-500", "bg-orange-500", "bg-red-600"] as const;
export const SEVERITY_BORDER = ["border-l-green-500", "border-l-amber-500", "border-l-orange-500", "border-l-red-600"] as const;

export function levelLabel(t: T, modelId: RiskModelId, level: string): string {
  const key = `level.${modelId}.${level}`;
  return t.has(key as never) ? t(key as never) : level;
}

export function factorLabel(t: T, modelId: RiskModelId, f: RiskFactor): string {
  const key = modelId === "metabolic_syndrome" ? `factorMets.${f.key}` : `factor.${f.key}`;
  return t.has(key as never) ? t(key as never, (f.params ?? {}) as never) : f.key;
}

/** "29.4 %", "37 分", "79 mL/min/1.73m²" */
export function scoreLabel(result: Extract<RiskResult, { status: "assessed" }>, locale: string): string {
  if (result.scoreUnit === "points") return locale === "en" ? `${result.score} pts` : `${result.score} 分`;
  if (result.scoreUnit === "criteria") return locale === "en" ? `${result.score}/5 criteria` : `${result.score}/5 项`;
  if (result.scoreUnit === "%") return `${result.score}%`;
  return `${result.score} ${result.scoreUnit}`;
}

export function weightLabel(modelId: RiskModelId, f: RiskFactor): string {
  if (modelId === "cdrs") return `+${f.weight}`;
  if (modelId === "cvd10") return `${f.weight >= 0 ? "+" : ""}${f.weight.toFixed(2)}`;
  return "";
}

export function resultHeadline(t: T, modelId: RiskModelId, result: RiskResult): string {
  if (result.status === "assessed") return levelLabel(t, modelId, result.level);
  if (result.status === "not_assessable") return t("ui.notAssessable", { needs: result.missing.map((m) => t(`input.${m}` as never)).join("、") });
  return t(`population.${result.reason}` as never, result.params as never);
}
