/**
 * Dates in result files: "2026-05-10", "2026/5/10", "2026-05-10 08:30", ISO with offset,
 * HL7 DTM "20260510083000+0800", Excel Date objects. Without an offset a time is read in the
 * tenant's time zone; a date alone means 08:00 local (a typical morning draw, keeps the calendar day).
 */
export function zonedToInstant(y: number, mo: number, d: number, h: number, mi: number, s: number, timeZone: string): Date {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s);
  const offset = zoneOffsetMs(new Date(guess), timeZone);
  const first = guess - offset;
  // Recompute at the candidate instant (differs only around DST changes).
  return new Date(guess - zoneOffsetMs(new Date(first), timeZone));
}

// Building an Intl.DateTimeFormat costs far more than using one: one per zone, kept.
const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function zoneOffsetMs(at: Date, timeZone: string): number {
  let fmt = offsetFormats.get(timeZone);
  if (!fmt) offsetFormats.set(timeZone, (fmt = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })));
  const parts = fmt.formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - Math.floor(at.getTime() / 1000) * 1000;
}

function valid(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59 || y < 1900 || y > 2200) return false;
  return new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
}

// Files repeat the same few dates on thousands of rows.
const parsedCache = new Map<string, Date | null>();

export function parseResultDate(raw: string | Date | null | undefined, timeZone: string): Date | null {
  if (raw === null || raw === undefined) return null;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw;
  const cacheKey = `${timeZone}|${raw}`;
  const hit = parsedCache.get(cacheKey);
  if (hit !== undefined) return hit === null ? null : new Date(hit.getTime());
  const parsed = parseUncached(raw, timeZone);
  if (parsedCache.size > 10_000) parsedCache.clear();
  parsedCache.set(cacheKey, parsed);
  return parsed === null ? null : new Date(parsed.getTime());
}

function parseUncached(raw: string, timeZone: string): Date | null {
  const text = raw.trim();
  if (!text) return null;
  const hl7 = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(?:(\d{2})(?:\.\d+)?)?)?([+-]\d{4})?$/.exec(text);
  if (hl7) return fromParts(hl7.slice(1, 7), hl7[7] ? `${hl7[7].slice(0, 3)}:${hl7[7].slice(3)}` : null, timeZone);
  const local = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (local) return fromParts(local.slice(1, 7), local[7] ?? null, timeZone);
  return null;
}

function fromParts(p: (string | undefined)[], offset: string | null, timeZone: string): Date | null {
  const [y, mo, d] = [Number(p[0]), Number(p[1]), Number(p[2])];
  const hasTime = p[3] !== undefined;
  const [h, mi, s] = hasTime ? [Number(p[3]), Number(p[4] ?? 0), Number(p[5] ?? 0)] : [8, 0, 0];
  if (!valid(y, mo, d, h, mi, s)) return null;
  if (offset) {
    const o = offset === "Z" ? "+00:00" : offset.includes(":") ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
    const iso = `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}T${String(h).padStart(2, "0")}:${String(mi).padStart(2, "0")}:${String(s).padStart(2, "0")}${o}`;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return zonedToInstant(y, mo, d, h, mi, s, timeZone);
}

/** The calendar date (YYYY-MM-DD) of an instant in the tenant's time zone. */
export function localDate(at: Date, timeZone: string): string {
  let fmt = dayFormats.get(timeZone);
  if (!fmt) dayFormats.set(timeZone, (fmt = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })));
  return fmt.format(at);
}
