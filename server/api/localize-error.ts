import { z } from "zod";
import enErrors from "@/messages/en/errors.json";
import zhErrors from "@/messages/zh-CN/errors.json";

type Locale = "zh-CN" | "en";

const localeErrors = {
  "zh-CN": z.locales.zhCN().localeError,
  en: z.locales.en().localeError,
};

const catalogues: Record<Locale, Record<string, string>> = { "zh-CN": zhErrors, en: enErrors };

export interface LocalisedIssue {
  path: (string | number)[];
  message: string;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Re-phrases zod issues in the caller's language. Custom issues carry an `errors.*` key or their own text.
 * Zod leaves the offending value out of its issues, so it is looked up in the raw input (when given)
 * for messages such as "expected string, received number".
 */
export function localiseZodIssues(error: z.ZodError, locale: Locale, rawInput?: unknown): LocalisedIssue[] {
  const localeError = localeErrors[locale];
  return error.issues.map((issue) => {
    let message: string;
    if (issue.code === "custom") {
      message = localiseMessage(issue.message, locale);
    } else {
      const withInput = "input" in issue || rawInput === undefined ? issue : { ...issue, input: valueAt(rawInput, issue.path) };
      const generated = localeError(withInput as never);
      message = typeof generated === "string" ? generated : (generated?.message ?? issue.message);
    }
    return { path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message };
  });
}

/** `errors.notFound` → the catalogue text in the caller's language; anything else unchanged. */
export function localiseMessage(message: string, locale: Locale): string {
  if (!message.startsWith("errors.")) return message;
  return catalogues[locale][message.slice("errors.".length)] ?? catalogues[locale].internal!;
}
