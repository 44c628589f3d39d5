/**
 * Unit labels as written by labs vary (µmol/L, umol/l, 10^9/L, ×10⁹/L …). `unitKey` folds them to
 * one comparable key; conversions then map a reported unit onto the catalogue unit:
 * catalogue value = reported value × factor + shift.
 */
const SUPERSCRIPTS: Record<string, string> = { "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9" };

export function unitKey(raw: string): string {
  let u = raw.normalize("NFKC").trim().replace(/\s+/g, "");
  u = u.replace(/[⁰¹²³⁴⁵⁶⁷⁸⁹]/g, (c) => SUPERSCRIPTS[c]!);
  u = u.replace(/\u00b5/g, "μ").toLowerCase();
  u = u.replace(/^[×x*]/, "").replace(/[\^*]/g, "");
  // "umol", "ug", "ukat", "uiu" are the ASCII spellings of μ; "u/l" (units per litre) is not.
  u = u.replace(/(^|\/)u(?=(mol|g|kat|iu))/g, "$1μ");
  return u.replace(/℃/g, "°c").replace(/℉/g, "°f");
}

export interface UnitConversion {
  unit: string;
  factor: number;
  shift: number;
}

export type ConversionResult = { ok: true; value: number } | { ok: false };

/**
 * The value in the catalogue unit. A missing unit is read as the catalogue unit (labs often omit
 * it for dimensionless or customary units); the plausibility check catches a wrong assumption.
 */
export function toCatalogueUnit(value: number, reportedUnit: string | null | undefined, catalogueUnit: string, conversions: readonly UnitConversion[]): ConversionResult {
  if (!reportedUnit || !reportedUnit.trim()) return { ok: true, value };
  const key = unitKey(reportedUnit);
  if (key === unitKey(catalogueUnit)) return { ok: true, value };
  const conv = conversions.find((c) => unitKey(c.unit) === key);
  if (!conv) return { ok: false };
  return { ok: true, value: value * conv.factor + conv.shift };
}

/** Stored precision: four decimals beyond which no clinical value carries meaning (avoids 5.550000000001). */
export function roundStored(value: number): number {
  return Math.round(value * 10000) / 10000;
}
