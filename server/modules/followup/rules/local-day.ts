/** Offset of `timeZone` from UTC at instant `at`, in minutes (Asia/Shanghai → 480). */
export function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The calendar date (YYYY-MM-DD) of `at` in `timeZone`. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** The UTC instant of local wall-clock `hh:mm` on `date` (YYYY-MM-DD) in `timeZone`. */
export function localTimeOn(date: string, hour: number, minute: number, timeZone: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const guess = new Date(Date.UTC(y, m - 1, d, hour, minute));
  const first = new Date(guess.getTime() - zoneOffsetMinutes(guess, timeZone) * 60_000);
  // A second pass settles dates where the offset changes between the guess and the answer (DST).
  return new Date(guess.getTime() - zoneOffsetMinutes(first, timeZone) * 60_000);
}

/** Start of today and of tomorrow (local midnight) in `timeZone`, as UTC instants. */
export function localDayBounds(now: Date, timeZone: string): { start: Date; end: Date } {
  const today = localDate(now, timeZone);
  const start = localTimeOn(today, 0, 0, timeZone);
  const tomorrow = localDate(new Date(start.getTime() + 36 * 3_600_000), timeZone);
  return { start, end: localTimeOn(tomorrow, 0, 0, timeZone) };
}
