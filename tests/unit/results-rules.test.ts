import { describe, expect, it } from "vitest";
import { RESULTS_CATALOGUE_V1 } from "@/db/migrations/tenant/results-catalogue-v1";
import { Catalogue, type CatalogueEntry } from "@/server/modules/results/rules/catalogue";
import { prepareObservation } from "@/server/modules/results/rules/prepare-observation";
import { ageInYears, computeFlag, parseLabRange, selectDefaultRange } from "@/server/modules/results/rules/ranges";
import { toCatalogueUnit, unitKey } from "@/server/modules/results/rules/units";

/** The seeded catalogue as the writer sees it (ids = codes for readability). */
const catalogue = new Catalogue(
  RESULTS_CATALOGUE_V1.map<CatalogueEntry>((c) => ({
    id: c.code,
    code: c.code,
    loinc: c.loinc ?? null,
    nameZh: c.nameZh,
    nameEn: c.nameEn,
    category: c.category,
    unit: c.unit,
    valueType: c.valueType ?? "numeric",
    decimals: c.decimals ?? 1,
    plausibleMin: c.plausible?.[0] ?? null,
    plausibleMax: c.plausible?.[1] ?? null,
    normalValues: c.normalValues ?? [],
    active: true,
    ranges: (c.ranges ?? []).map((r) => ({ sex: r.sex ?? "any", ageMin: r.ageMin ?? 0, ageMax: r.ageMax ?? null, low: r.low ?? null, high: r.high ?? null, criticalLow: r.criticalLow ?? null, criticalHigh: r.criticalHigh ?? null })),
    conversions: (c.conversions ?? []).map((u) => ({ unit: u.unit, factor: u.factor, shift: u.shift ?? 0 })),
  })),
);
const ind = (code: string) => catalogue.find(code)!;
const man50 = { sex: "male" as const, birthDate: "1976-05-01" };
const woman30 = { sex: "female" as const, birthDate: "1996-05-01" };
const at = new Date("2026-06-01T08:00:00Z");

describe("catalogue seed", () => {
  it("has at least 40 indicators, unique codes, and the ones the issue names", () => {
    expect(RESULTS_CATALOGUE_V1.length).toBeGreaterThanOrEqual(40);
    expect(new Set(RESULTS_CATALOGUE_V1.map((c) => c.code)).size).toBe(RESULTS_CATALOGUE_V1.length);
    for (const code of ["SBP", "DBP", "HR", "BMI", "WAIST", "FPG", "PG2H", "HBA1C", "TC", "TG", "LDLC", "HDLC", "ALT", "AST", "GGT", "CREA", "UREA", "UA", "EGFR", "TSH", "HB", "WBC", "PLT", "K", "UPRO"]) {
      expect(catalogue.find(code), code).toBeDefined();
    }
  });
  it("finds indicators by LOINC, Chinese name and English name", () => {
    expect(catalogue.byLoinc("14771-0")?.code).toBe("FPG");
    expect(catalogue.find("空腹血糖")?.code).toBe("FPG");
    expect(catalogue.find("fasting plasma glucose")?.code).toBe("FPG");
    expect(catalogue.resolveCoding([{ system: "LN", code: "2823-3" }])?.code).toBe("K");
    expect(catalogue.resolveCoding([{ system: "http://loinc.org", code: "718-7" }])?.code).toBe("HB");
  });
});

describe("unit conversion tables", () => {
  it("folds the spellings labs use", () => {
    expect(unitKey("µmol/L")).toBe(unitKey("μmol/L"));
    expect(unitKey("umol/l")).toBe(unitKey("μmol/L"));
    expect(unitKey("×10⁹/L")).toBe(unitKey("10^9/L"));
    expect(unitKey("10*9/L")).toBe(unitKey("10^9/L"));
    expect(unitKey("U/L")).not.toBe(unitKey("μmol/L"));
    expect(unitKey("U/L")).toBe("u/l");
  });
  it.each([
    ["FPG", 100, "mg/dL", 5.55],
    ["FPG", 126, "mg/dl", 6.99],
    ["TC", 200, "mg/dL", 5.17],
    ["LDLC", 130, "mg/dL", 3.36],
    ["HDLC", 40, "mg/dL", 1.03],
    ["TG", 150, "mg/dL", 1.69],
    ["CREA", 1.0, "mg/dL", 88.4],
    ["CREA", 88.4, "umol/L", 88.4],
    ["UA", 7, "mg/dL", 416.36],
    ["UREA", 14, "mg/dL", 5.0],
    ["HB", 13.5, "g/dL", 135],
    ["HBA1C", 48, "mmol/mol", 6.54],
    ["TEMP", 98.6, "°F", 37],
    ["WEIGHT", 130, "斤", 65],
    ["ALT", 0.5, "µkat/L", 30],
    ["SBP", 16, "kPa", 120.01],
  ])("%s %s %s → %s in the catalogue unit", (code, value, unit, expected) => {
    const i = ind(code);
    const r = toCatalogueUnit(value, unit, i.unit, i.conversions);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value).toBeCloseTo(expected, 1);
  });
  it("refuses units it has no conversion for, and reads a missing unit as the catalogue unit", () => {
    const fpg = ind("FPG");
    expect(toCatalogueUnit(5, "g/L", fpg.unit, fpg.conversions).ok).toBe(false);
    expect(toCatalogueUnit(5, "U/L", fpg.unit, fpg.conversions).ok).toBe(false);
    expect(toCatalogueUnit(5.2, null, fpg.unit, fpg.conversions)).toEqual({ ok: true, value: 5.2 });
  });
});

describe("range selection by sex and age", () => {
  it("computes age in whole years at the observation date", () => {
    expect(ageInYears("1976-05-01", new Date("2026-04-30T00:00:00Z"))).toBe(49);
    expect(ageInYears("1976-05-01", new Date("2026-05-01T00:00:00Z"))).toBe(50);
    expect(ageInYears(null, at)).toBeNull();
  });
  it("picks the sex-specific range, and the age band the patient is in", () => {
    const crea = ind("CREA").ranges;
    expect(selectDefaultRange(crea, "male", 45)).toMatchObject({ low: 57, high: 97 });
    expect(selectDefaultRange(crea, "male", 65)).toMatchObject({ low: 57, high: 111 });
    expect(selectDefaultRange(crea, "female", 45)).toMatchObject({ low: 41, high: 73 });
    expect(selectDefaultRange(crea, "female", 70)).toMatchObject({ low: 41, high: 81 });
    expect(selectDefaultRange(crea, "female", 12)).toBeNull();
    const alt = ind("ALT").ranges;
    expect(selectDefaultRange(alt, "male", 30)).toMatchObject({ high: 50 });
    expect(selectDefaultRange(alt, "female", 30)).toMatchObject({ high: 40 });
    expect(selectDefaultRange(alt, "unknown", 30)).toBeNull();
    expect(selectDefaultRange(ind("FPG").ranges, "unknown", null)).toMatchObject({ low: 3.9, high: 6.1 });
  });
  it("parses lab ranges as labs write them", () => {
    expect(parseLabRange("3.9-6.1")).toEqual({ low: 3.9, high: 6.1, text: "3.9-6.1" });
    expect(parseLabRange("3.9～6.1")).toMatchObject({ low: 3.9, high: 6.1 });
    expect(parseLabRange("<5.2")).toMatchObject({ low: null, high: 5.2 });
    expect(parseLabRange(">1.04")).toMatchObject({ low: 1.04, high: null });
    expect(parseLabRange("阴性")).toEqual({ low: null, high: null, text: "阴性" });
    expect(parseLabRange("")).toBeNull();
  });
  it("flags against the range and the critical limits", () => {
    expect(computeFlag(7, { low: 3.9, high: 6.1 }, { low: 2.8, high: 16.7 })).toBe("H");
    expect(computeFlag(3.5, { low: 3.9, high: 6.1 }, { low: 2.8, high: 16.7 })).toBe("L");
    expect(computeFlag(17, { low: 3.9, high: 6.1 }, { low: 2.8, high: 16.7 })).toBe("HH");
    expect(computeFlag(2.5, { low: 3.9, high: 6.1 }, { low: 2.8, high: 16.7 })).toBe("LL");
    expect(computeFlag(5, { low: 3.9, high: 6.1 }, null)).toBeNull();
  });
});

describe("prepareObservation", () => {
  it("normalises mg/dL glucose to mmol/L, keeps the original and flags it against the default range", () => {
    const r = prepareObservation({ indicator: ind("FPG"), observedAt: at, value: "130", unit: "mg/dL" }, man50, at);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.observation.valueNum).toBeCloseTo(7.2157, 3);
    expect(r.observation).toMatchObject({ originalValue: "130", originalUnit: "mg/dL", refLow: 3.9, refHigh: 6.1, rangeSource: "default", flag: "H" });
  });
  it("lets the lab's own range win over the default (converted to the catalogue unit)", () => {
    const r = prepareObservation({ indicator: ind("FPG"), observedAt: at, value: "6.3", unit: "mmol/L", labRange: "3.6-6.5" }, man50, at);
    expect(r.ok && r.observation).toMatchObject({ refLow: 3.6, refHigh: 6.5, rangeSource: "lab", flag: null, refText: "3.6-6.5" });
    const mg = prepareObservation({ indicator: ind("FPG"), observedAt: at, value: "120", unit: "mg/dL", labRange: "70-110" }, man50, at);
    expect(mg.ok && mg.observation.rangeSource).toBe("lab");
    expect(mg.ok && mg.observation.refHigh).toBeCloseTo(6.1056, 3);
    expect(mg.ok && mg.observation.flag).toBe("H");
  });
  it("uses the sex-specific default: ALT 45 U/L is high for a woman, normal for a man", () => {
    const w = prepareObservation({ indicator: ind("ALT"), observedAt: at, value: 45, unit: "U/L" }, woman30, at);
    const m = prepareObservation({ indicator: ind("ALT"), observedAt: at, value: 45, unit: "U/L" }, man50, at);
    expect(w.ok && w.observation.flag).toBe("H");
    expect(m.ok && m.observation.flag).toBeNull();
  });
  it("takes the lab's flag, but never hides a critical value behind H", () => {
    const lab = prepareObservation({ indicator: ind("K"), observedAt: at, value: "5.4", unit: "mmol/L", labFlag: "N" }, man50, at);
    expect(lab.ok && lab.observation.flag).toBeNull();
    const crit = prepareObservation({ indicator: ind("SBP"), observedAt: at, value: "185", unit: "mmHg", labFlag: "H" }, man50, at);
    expect(crit.ok && crit.observation.flag).toBe("HH");
    const hb = prepareObservation({ indicator: ind("HB"), observedAt: at, value: "55", unit: "g/L" }, woman30, at);
    expect(hb.ok && hb.observation.flag).toBe("LL");
  });
  it("refuses impossible values, unknown units, non-numbers, future dates and dates before birth", () => {
    expect(prepareObservation({ indicator: ind("SBP"), observedAt: at, value: "900", unit: "mmHg" }, man50, at)).toMatchObject({ ok: false, reason: "valueImplausible" });
    expect(prepareObservation({ indicator: ind("FPG"), observedAt: at, value: "5.6", unit: "g/L" }, man50, at)).toMatchObject({ ok: false, reason: "unitUnknown" });
    expect(prepareObservation({ indicator: ind("FPG"), observedAt: at, value: "high", unit: "mmol/L" }, man50, at)).toMatchObject({ ok: false, reason: "valueNotNumeric" });
    expect(prepareObservation({ indicator: ind("FPG"), observedAt: new Date("2027-01-01"), value: "5", unit: "mmol/L" }, man50, at)).toMatchObject({ ok: false, reason: "dateInFuture" });
    expect(prepareObservation({ indicator: ind("FPG"), observedAt: new Date("1970-01-01"), value: "5", unit: "mmol/L" }, man50, at)).toMatchObject({ ok: false, reason: "dateBeforeBirth" });
    // 5.6 mg/dL glucose would be 0.31 mmol/L: the plausibility check catches a wrong unit.
    expect(prepareObservation({ indicator: ind("FPG"), observedAt: at, value: "5.6", unit: "mg/dL" }, man50, at)).toMatchObject({ ok: false, reason: "valueImplausible" });
  });
  it("flags ordinal results that are not in the normal list", () => {
    expect(prepareObservation({ indicator: ind("UPRO"), observedAt: at, value: "阴性" }, man50, at)).toMatchObject({ ok: true, observation: { valueText: "阴性", flag: null } });
    expect(prepareObservation({ indicator: ind("UPRO"), observedAt: at, value: "2+" }, man50, at)).toMatchObject({ ok: true, observation: { valueText: "2+", flag: "A" } });
  });
});
