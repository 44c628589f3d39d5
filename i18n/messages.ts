import type { Locale } from "./locales";

/**
 * Message catalogues, one JSON file per area and locale (zh-CN is the source catalogue).
 * A new area is added here once; tests/unit/messages.test.ts checks both locales have the same keys.
 */
const AREAS = ["common", "errors", "nav", "auth", "dashboard", "admin", "settings", "privacy", "patients", "risk", "care", "report", "trends", "abnormal", "forms", "rules", "results", "reminders", "followups"] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    AREAS.map(async (area) => [area, (await import(`../messages/${locale}/${area}.json`)).default] as const),
  );
  return Object.fromEntries(entries);
}

export const MESSAGE_AREAS = AREAS;
