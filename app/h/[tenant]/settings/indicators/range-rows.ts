/**
 * Reference-range rows as the form holds them (text fields) and their conversion to the procedure's
 * input, with the same checks the server makes (catalogue.service checkRanges), so the admin sees
 * which row is wrong before saving. The server checks again.
 */
export type RangeSex = "any" | "male" | "female";

export interface RangeRow {
  sex: RangeSex;
  ageMin: string;
  ageMax: string;
  low: string;
  high: string;
  criticalLow: string;
  criticalHigh: string;
}

export interface RangeValue {
  sex: RangeSex;
  ageMin: number;
  ageMax: number | null;
  low: number | null;
  high: number | null;
  criticalLow: number | null;
  criticalHigh: number | null;
}

export type RangeProblem = "notANumber" | "ageInvalid" | "lowAboveHigh" | "criticalInside" | "noBound" | "overlap";

export const EMPTY_RANGE: RangeRow = { sex: "any", ageMin: "0", ageMax: "", low: "", high: "", criticalLow: "", criticalHigh: "" };

const show = (n: number | null) => (n === null ? "" : String(n));

export function toRow(r: RangeValue): RangeRow {
  return { sex: r.sex, ageMin: String(r.ageMin), ageMax: show(r.ageMax), low: show(r.low), high: show(r.high), criticalLow: show(r.criticalLow), criticalHigh: show(r.criticalHigh) };
}

function num(s: string): number | null | "bad" {
  const t = s.trim();
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : "bad";
}

/** Either the values to send, or one problem per row index (the first problem of that row). */
export function parseRanges(rows: RangeRow[]): { values: RangeValue[]; problems: Record<number, RangeProblem> } {
  const problems: Record<number, RangeProblem> = {};
  const values: RangeValue[] = [];
  rows.forEach((row, i) => {
    const [ageMin, ageMax, low, high, criticalLow, criticalHigh] = [num(row.ageMin), num(row.ageMax), num(row.low), num(row.high), num(row.criticalLow), num(row.criticalHigh)] as const;
    if ([low, high, criticalLow, criticalHigh].includes("bad")) return void (problems[i] = "notANumber");
    if (ageMin === "bad" || ageMax === "bad" || ageMin === null || !Number.isInteger(ageMin) || ageMin < 0 || ageMin > 150) return void (problems[i] = "ageInvalid");
    if (ageMax !== null && (!Number.isInteger(ageMax) || ageMax <= ageMin || ageMax > 200)) return void (problems[i] = "ageInvalid");
    const v = { sex: row.sex, ageMin, ageMax, low, high, criticalLow, criticalHigh } as RangeValue;
    if (v.low === null && v.high === null && v.criticalLow === null && v.criticalHigh === null) return void (problems[i] = "noBound");
    if (v.low !== null && v.high !== null && v.low > v.high) return void (problems[i] = "lowAboveHigh");
    if ((v.criticalLow !== null && v.low !== null && v.criticalLow > v.low) || (v.criticalHigh !== null && v.high !== null && v.criticalHigh < v.high)) return void (problems[i] = "criticalInside");
    values.push(v);
  });
  if (Object.keys(problems).length) return { values: [], problems };
  values.forEach((a, i) => {
    for (let j = 0; j < i; j++) {
      const b = values[j]!;
      if (a.sex === b.sex && a.ageMin < (b.ageMax ?? Infinity) && b.ageMin < (a.ageMax ?? Infinity)) problems[i] ??= "overlap";
    }
  });
  return { values: Object.keys(problems).length ? [] : values, problems };
}
