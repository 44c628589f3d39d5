/**
 * 居民身份证号码 (GB 11643-1999): 6-digit area code, 8-digit birth date, 3-digit sequence
 * (odd = male, even = female), ISO 7064 MOD 11-2 check character (0–9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

export type Sex = "male" | "female";

export interface IdNumberFacts {
  normalised: string;
  birthDate: string; // YYYY-MM-DD
  sex: Sex;
}

export type IdNumberProblem = "format" | "checksum" | "birthDate";

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export function normaliseIdNumber(raw: string): string {
  return raw.trim().replace(/\s+/g, "").toUpperCase();
}

/** Validates and explains an ID number; `today` bounds the birth date (no future births). */
export function parseIdNumber(raw: string, today: Date = new Date()): { ok: true; facts: IdNumberFacts } | { ok: false; problem: IdNumberProblem } {
  const id = normaliseIdNumber(raw);
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return { ok: false, problem: "format" };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || date.getTime() > today.getTime()) {
    return { ok: false, problem: "birthDate" };
  }
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, problem: "checksum" };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return { ok: true, facts: { normalised: id, birthDate, sex: Number(id[16]) % 2 === 1 ? "male" : "female" } };
}

export function isValidIdNumber(raw: string, today?: Date): boolean {
  return parseIdNumber(raw, today).ok;
}

/** Builds a valid-checksum ID number (for synthetic data and tests). `seq` is 3 digits; odd = male. */
export function makeIdNumber(area: string, birthDate: string, seq: number): string {
  const first17 = `${area}${birthDate.replaceAll("-", "")}${String(seq).padStart(3, "0")}`;
  return first17 + idNumberCheckChar(first17);
}
