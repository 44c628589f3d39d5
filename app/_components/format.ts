/**
 * Date and time in a tenant's time zone, 24-hour, per locale:
 * zh-CN 2026年11月29日 14:05 · en 29 Nov 2026, 14:05. Pure; usable on server and client.
 */
function intlLocale(locale: string): string {
  return locale === "en" ? "en-GB" : "zh-CN";
}

export function formatDate(value: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { year: "numeric", month: locale === "en" ? "short" : "long", day: "numeric", timeZone }).format(value);
}

export function formatTime(value: Date, locale: string, timeZone: string, seconds = false): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    hour: "2-digit",
    minute: "2-digit",
    second: seconds ? "2-digit" : undefined,
    hourCycle: "h23",
    timeZone,
  }).format(value);
}

export function formatDateTime(value: Date, locale: string, timeZone: string, seconds = false): string {
  return `${formatDate(value, locale, timeZone)} ${formatTime(value, locale, timeZone, seconds)}`;
}

export function formatWeekday(value: Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: "long", timeZone }).format(value);
}

/** Hour of day (0–23) in the time zone, for a greeting. */
export function hourIn(value: Date, timeZone: string): number {
  return Number(new Intl.DateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", timeZone }).format(value));
}

/** Compact form for dense tables: 2026-11-29 14:05:09 in both locales. */
export function formatTimestamp(value: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZone,
    })
      .formatToParts(value)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}
