import type { TAbnormalFinding } from "@/server/shared/dto/abnormal";

/** "收缩压 185 mmHg" — the finding as one short phrase. */
export function findingText(f: TAbnormalFinding, locale: string): string {
  const name = locale === "en" && f.nameEn ? f.nameEn : f.name;
  const value = f.value === null ? "" : new Intl.NumberFormat(locale === "en" ? "en-GB" : "zh-CN", { maximumFractionDigits: 2 }).format(f.value);
  return `${name} ${value} ${f.unit}`.trim();
}

/** "3 天" / "5 小时" since `from`, coarse, for the age column. */
export function ageParts(from: Date, now: Date): { unit: "day" | "hour" | "minute"; value: number } {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  if (minutes >= 24 * 60) return { unit: "day", value: Math.floor(minutes / (24 * 60)) };
  if (minutes >= 60) return { unit: "hour", value: Math.floor(minutes / 60) };
  return { unit: "minute", value: minutes };
}
