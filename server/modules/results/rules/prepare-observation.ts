import type { ObservationFlag, ResultStatus } from "@/db/types/tenant";
import type { CatalogueEntry } from "./catalogue";
import { ageInYears, computeFlag, normaliseLabFlag, parseLabRange, selectDefaultRange } from "./ranges";
import { roundStored, toCatalogueUnit } from "./units";

/** What a caller (import, manual entry, form extraction) knows about one measured value. */
export interface ObservationDraft {
  indicator: CatalogueEntry;
  observedAt: Date;
  /** As reported: "5.6", 5.6, "<0.01", "阴性", "+". */
  value: string | number;
  unit?: string | null;
  /** The lab's own reference range (OBX-7 text or low/high); wins over the catalogue default. */
  labRange?: string | { low: number | null; high: number | null } | null;
  /** The lab's own abnormal flag (OBX-8, FHIR interpretation); wins over the computed flag. */
  labFlag?: string | null;
  status?: ResultStatus;
  /** Free-text note (NTE); sealed under the patient's key when written. */
  note?: string | null;
}

export interface PatientFacts {
  sex: "male" | "female" | "unknown";
  /** YYYY-MM-DD or null. */
  birthDate: string | null;
}

/** A validated, normalised observation ready to insert (no ids, no sealing yet). */
export interface PreparedObservation {
  indicatorId: string;
  observedAt: Date;
  valueNum: number | null;
  valueText: string | null;
  originalValue: string;
  originalUnit: string | null;
  refLow: number | null;
  refHigh: number | null;
  refText: string | null;
  rangeSource: "lab" | "default" | null;
  flag: ObservationFlag | null;
  status: ResultStatus;
  note: string | null;
}

/** A refusal with a message key under `results.reasons.*` and params (codes and numbers only). */
export interface Rejection {
  reason: string;
  params?: Record<string, string | number>;
}

export type Prepared = { ok: true; observation: PreparedObservation } | ({ ok: false } & Rejection);

const NUMERIC = /^([<>≤≥]=?)?\s*([-+]?\d+(?:[.,]\d+)?)$/;

/** Parses "5.6", "5,6" (decimal comma), "<0.01"; null when the text is not a number. */
export function parseNumericValue(raw: string | number): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  const m = NUMERIC.exec(raw.trim());
  if (!m) return null;
  const n = Number(m[2]!.replace(",", "."));
  return Number.isFinite(n) ? n : null;
}

const MAX_FUTURE_MS = 24 * 3600_000;

/**
 * Validates and normalises one value against the catalogue: unit conversion to the catalogue unit,
 * plausibility (e.g. SBP 900 is refused), the applicable range (the lab's own, else the default for
 * the patient's sex and age at the time), and the flag (the lab's own, else computed).
 */
export function prepareObservation(draft: ObservationDraft, patient: PatientFacts, now: Date = new Date()): Prepared {
  const ind = draft.indicator;
  const code = ind.code;
  if (!ind.active) return { ok: false, reason: "indicatorInactive", params: { code } };
  if (Number.isNaN(draft.observedAt.getTime())) return { ok: false, reason: "dateInvalid", params: { code } };
  if (draft.observedAt.getTime() > now.getTime() + MAX_FUTURE_MS) return { ok: false, reason: "dateInFuture", params: { code } };
  if (patient.birthDate && draft.observedAt.toISOString().slice(0, 10) < patient.birthDate) return { ok: false, reason: "dateBeforeBirth", params: { code } };
  const originalValue = String(draft.value).trim();
  if (!originalValue) return { ok: false, reason: "valueMissing", params: { code } };
  if (originalValue.length > 200) return { ok: false, reason: "valueTooLong", params: { code } };
  const originalUnit = draft.unit?.trim() ? draft.unit.trim() : null;
  const labFlag = normaliseLabFlag(draft.labFlag);
  const note = draft.note?.trim() ? draft.note.trim() : null;
  const base = { indicatorId: ind.id, observedAt: draft.observedAt, originalValue, originalUnit, status: draft.status ?? ("final" as const), note };

  if (ind.valueType !== "numeric") {
    const normal = ind.normalValues.some((v) => v.toLowerCase() === originalValue.toLowerCase());
    const flag = labFlag !== undefined ? labFlag : ind.valueType === "ordinal" && !normal ? "A" : null;
    const refText = typeof draft.labRange === "string" && draft.labRange.trim() ? draft.labRange.trim() : null;
    return {
      ok: true,
      observation: { ...base, valueNum: null, valueText: originalValue, refLow: null, refHigh: null, refText, rangeSource: refText ? "lab" : null, flag },
    };
  }

  const reported = parseNumericValue(draft.value);
  if (reported === null) return { ok: false, reason: "valueNotNumeric", params: { code } };
  const converted = toCatalogueUnit(reported, originalUnit, ind.unit, ind.conversions);
  if (!converted.ok) return { ok: false, reason: "unitUnknown", params: { code, unit: originalUnit ?? "", expected: ind.unit } };
  const value = roundStored(converted.value);
  if ((ind.plausibleMin !== null && value < ind.plausibleMin) || (ind.plausibleMax !== null && value > ind.plausibleMax)) {
    return { ok: false, reason: "valueImplausible", params: { code, value: originalValue, unit: originalUnit ?? ind.unit, min: ind.plausibleMin ?? "", max: ind.plausibleMax ?? "", catalogueUnit: ind.unit } };
  }

  const lab = labRangeInCatalogueUnit(draft.labRange, originalUnit, ind);
  if (lab === "unconvertible") return { ok: false, reason: "unitUnknown", params: { code, unit: originalUnit ?? "", expected: ind.unit } };
  const fallback = selectDefaultRange(ind.ranges, patient.sex, ageInYears(patient.birthDate, draft.observedAt));
  const useLab = lab !== null && (lab.low !== null || lab.high !== null);
  const range = useLab ? { low: lab.low, high: lab.high } : fallback ? { low: fallback.low, high: fallback.high } : { low: null, high: null };
  const critical = fallback ? { low: fallback.criticalLow, high: fallback.criticalHigh } : null;
  const computed = computeFlag(value, range, critical);
  // The lab's flag wins, except that a critical value is never hidden behind a plain H/L.
  const flag = labFlag === undefined ? computed : (computed === "HH" || computed === "LL") && labFlag !== null && labFlag !== "A" ? computed : labFlag;
  return {
    ok: true,
    observation: {
      ...base,
      valueNum: value,
      valueText: null,
      refLow: range.low,
      refHigh: range.high,
      refText: lab?.text ?? null,
      rangeSource: useLab ? "lab" : fallback && (fallback.low !== null || fallback.high !== null) ? "default" : null,
      flag,
    },
  };
}

function labRangeInCatalogueUnit(
  raw: ObservationDraft["labRange"],
  unit: string | null,
  ind: CatalogueEntry,
): { low: number | null; high: number | null; text: string | null } | null | "unconvertible" {
  if (raw === null || raw === undefined) return null;
  const parsed = typeof raw === "string" ? parseLabRange(raw) : { ...raw, text: null };
  if (!parsed) return null;
  const conv = (v: number | null) => {
    if (v === null) return { ok: true as const, value: null };
    const c = toCatalogueUnit(v, unit, ind.unit, ind.conversions);
    return c.ok ? { ok: true as const, value: roundStored(c.value) } : { ok: false as const };
  };
  const low = conv(parsed.low);
  const high = conv(parsed.high);
  if (!low.ok || !high.ok) return "unconvertible";
  return { low: low.value, high: high.value, text: parsed.text };
}
