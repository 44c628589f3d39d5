import type { ObservationFlag } from "@/db/types/tenant";

/** A default range row of the catalogue: sex and age band [ageMin, ageMax) in whole years. */
export interface DefaultRange {
  sex: "any" | "male" | "female";
  ageMin: number;
  ageMax: number | null;
  low: number | null;
  high: number | null;
  criticalLow: number | null;
  criticalHigh: number | null;
}

/** Whole years between birth date and the observation (YYYY-MM-DD strings or Dates, UTC). */
export function ageInYears(birthDate: string | null, at: Date): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.slice(0, 10).split("-").map(Number) as [number, number, number];
  let age = at.getUTCFullYear() - y;
  const beforeBirthday = at.getUTCMonth() + 1 < m || (at.getUTCMonth() + 1 === m && at.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

/**
 * The default range that applies to a patient: sex-specific beats "any"; among those, the narrowest
 * age band containing the age. Unknown age matches only bands that start at 0 and are open-ended.
 */
export function selectDefaultRange(ranges: readonly DefaultRange[], sex: "male" | "female" | "unknown", age: number | null): DefaultRange | null {
  const fits = ranges.filter((r) => {
    if (r.sex !== "any" && r.sex !== sex) return false;
    if (age === null) return r.ageMin === 0 && r.ageMax === null;
    return age >= r.ageMin && (r.ageMax === null || age < r.ageMax);
  });
  fits.sort((a, b) => {
    const specific = Number(b.sex !== "any") - Number(a.sex !== "any");
    if (specific !== 0) return specific;
    return (a.ageMax ?? 200) - a.ageMin - ((b.ageMax ?? 200) - b.ageMin);
  });
  return fits[0] ?? null;
}

export interface LabRange {
  low: number | null;
  high: number | null;
  text: string | null;
}

/**
 * A lab's reference range as written in OBX-7 or a CSV column: "3.9-6.1", "3.9～6.1", "<5.2", "≤5.2",
 * ">1.0", "0-40". Returns null when it is not numeric (e.g. "阴性"), keeping the text.
 */
export function parseLabRange(raw: string | null | undefined): LabRange | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  if (!text) return null;
  const num = String.raw`[-+]?\d+(?:\.\d+)?`;
  const between = new RegExp(`^(${num})\\s*(?:-|–|—|~|～|至|to)\\s*(${num})$`, "i").exec(text);
  if (between) {
    const low = Number(between[1]);
    const high = Number(between[2]);
    return low <= high ? { low, high, text } : null;
  }
  const upper = new RegExp(`^(?:<|≤|<=|＜)\\s*(${num})$`).exec(text);
  if (upper) return { low: null, high: Number(upper[1]), text };
  const lower = new RegExp(`^(?:>|≥|>=|＞)\\s*(${num})$`).exec(text);
  if (lower) return { low: Number(lower[1]), high: null, text };
  return { low: null, high: null, text };
}

/** H/L against the applicable range; HH/LL against the catalogue's critical limits. */
export function computeFlag(value: number, range: { low: number | null; high: number | null }, critical: { low: number | null; high: number | null } | null): ObservationFlag | null {
  if (critical?.high !== null && critical?.high !== undefined && value >= critical.high) return "HH";
  if (critical?.low !== null && critical?.low !== undefined && value <= critical.low) return "LL";
  if (range.high !== null && value > range.high) return "H";
  if (range.low !== null && value < range.low) return "L";
  return null;
}

/**
 * HL7 table 0078 / FHIR v3 ObservationInterpretation codes the lab may send. N means normal (no flag);
 * unknown codes are ignored (the flag is then computed).
 */
export function normaliseLabFlag(raw: string | null | undefined): ObservationFlag | null | undefined {
  if (!raw) return undefined;
  const f = raw.trim().toUpperCase();
  if (f === "N") return null;
  if (f === "H" || f === ">" || f === "HU") return "H";
  if (f === "L" || f === "<" || f === "LU") return "L";
  if (f === "HH") return "HH";
  if (f === "LL") return "LL";
  if (f === "A" || f === "AA") return "A";
  return undefined;
}
