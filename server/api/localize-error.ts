import { z } from "zod";

type Locale = "zh-CN" | "en";

const localeErrors = {
  "zh-CN": z.locales.zhCN().localeError,
  en: z.locales.en().localeError,
};

export interface LocalisedIssue {
  path: (string | number)[];
  message: string;
}

/** Re-phrases zod issues in the caller's language; custom messages (set in schemas) are kept. */
export function localiseZodIssues(error: z.ZodError, locale: Locale): LocalisedIssue[] {
  const localeError = localeErrors[locale];
  return error.issues.map((issue) => {
    const generated = localeError?.(issue as never);
    const message = typeof generated === "string" ? generated : (generated?.message ?? issue.message);
    return { path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message };
  });
}
