/** YYYY-MM-DD (a calendar date, no time zone) → 2026年11月29日 / 29 Nov 2026. */
export function formatIsoDate(iso: string, locale: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  if (!y) return iso;
  if (!m) return locale === "en" ? String(y) : `${y}年`;
  const date = new Date(Date.UTC(y, m - 1, d || 1));
  if (!d) return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", { year: "numeric", month: locale === "en" ? "short" : "long", timeZone: "UTC" }).format(date);
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "zh-CN", { year: "numeric", month: locale === "en" ? "short" : "long", day: "numeric", timeZone: "UTC" }).format(date);
}
