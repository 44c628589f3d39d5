import en from "@/messages/en/results.json";
import zh from "@/messages/zh-CN/results.json";
import type { ImportReport } from "./import-report";

const CATALOGUES = { "zh-CN": zh, en } as const;

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? "" : String(params[k])));
}

/** The reason of a row or file in the caller's language (the API answers with text, the UI with keys). */
export function reasonText(locale: "zh-CN" | "en", kind: "reasons" | "fileErrors", key: string, params: Record<string, string | number>): string {
  const table = CATALOGUES[locale][kind] as Record<string, string>;
  return fill(table[key] ?? key, params);
}

export function localiseReport(report: ImportReport, locale: "zh-CN" | "en") {
  return {
    ...report,
    fileError: report.fileError ? { ...report.fileError, message: reasonText(locale, "fileErrors", report.fileError.reason, report.fileError.params) } : null,
    rows: report.rows.map((r) => ({ ...r, message: r.reason ? reasonText(locale, "reasons", r.reason, r.params) : null })),
  };
}
