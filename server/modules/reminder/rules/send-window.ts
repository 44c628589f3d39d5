import { addLocalDays, localDayBounds, localParts, zonedToUtc } from "./zoned-time";

/** Quiet hours as local "HH:MM" times; start after end means the window wraps midnight (21:00–08:00). */
export interface QuietHours {
  start: string;
  end: string;
}

export interface SendPolicy {
  timeZone: string;
  quiet: QuietHours;
  /** Reminders a patient may receive per local calendar day. */
  dailyCap: number;
}

export type SendDecision =
  | { kind: "send" }
  | { kind: "defer"; until: Date; reason: "quiet_hours" | "daily_cap" };

export function minutesOf(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new Error(`Not a HH:MM time: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export function inQuietHours(instant: Date, timeZone: string, quiet: QuietHours): boolean {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return false;
  const p = localParts(instant, timeZone);
  const now = p.hour * 60 + p.minute;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

/** The earliest instant at or after `instant` that is outside quiet hours. */
export function nextAllowedTime(instant: Date, timeZone: string, quiet: QuietHours): Date {
  if (!inQuietHours(instant, timeZone, quiet)) return instant;
  const end = minutesOf(quiet.end);
  const p = localParts(instant, timeZone);
  // Quiet hours end today (early morning) or tomorrow (evening part of a window that wraps midnight).
  for (const offset of [0, 1]) {
    const day = addLocalDays(p, offset);
    const candidate = zonedToUtc(day.year, day.month, day.day, Math.floor(end / 60), end % 60, timeZone);
    if (candidate > instant && !inQuietHours(candidate, timeZone, quiet)) return candidate;
  }
  // A DST jump swallowed the end time: try each following hour until the window is over.
  let t = new Date(instant.getTime() + 60 * 60_000);
  while (inQuietHours(t, timeZone, quiet)) t = new Date(t.getTime() + 60 * 60_000);
  return t;
}

/**
 * Send now, or defer (never drop): during quiet hours until they end; when the patient already had
 * `dailyCap` reminders this local day, until the next local day's first allowed time.
 */
export function decideSend(now: Date, policy: SendPolicy, sentToday: number): SendDecision {
  if (inQuietHours(now, policy.timeZone, policy.quiet)) {
    return { kind: "defer", until: nextAllowedTime(now, policy.timeZone, policy.quiet), reason: "quiet_hours" };
  }
  if (sentToday >= policy.dailyCap) {
    const { end } = localDayBounds(now, policy.timeZone);
    return { kind: "defer", until: nextAllowedTime(end, policy.timeZone, policy.quiet), reason: "daily_cap" };
  }
  return { kind: "send" };
}
