/**
 * The documented patient facts a rule condition may read (json-logic `{"var": "<name>"}`).
 * Facts are one nested object per patient, e.g. `{ age: 56, sex: "male", indicator: { SBP: { value: 135 } } }`;
 * json-logic resolves dotted names into it. A missing value is null — a condition on it is false
 * (json-logic compares null as 0 for < and >, so seeded rules guard with `!!` / "!= null" where needed).
 */
export type FactType = "number" | "string" | "string[]" | "boolean";

export interface FactSpec {
  name: string;
  type: FactType;
  /** Allowed values of a string fact (for the condition builder). */
  values?: readonly string[];
}

export const STATIC_FACTS: readonly FactSpec[] = [
  { name: "age", type: "number" },
  { name: "sex", type: "string", values: ["male", "female", "unknown"] },
  { name: "card.level", type: "string" },
  { name: "tags", type: "string[]" },
  { name: "daysSinceLastContact", type: "number" },
  /** Indicators whose latest value carries an abnormal flag (H, L, HH, LL, A). */
  { name: "abnormal.flaggedCount", type: "number" },
  { name: "abnormal.flaggedCodes", type: "string[]" },
];

/** Per indicator code (results catalogue): latest value, its flag, the direction since the previous value, its age in days. */
export const INDICATOR_FIELDS: readonly FactSpec[] = [
  { name: "value", type: "number" },
  { name: "flag", type: "string", values: ["H", "L", "HH", "LL", "A"] },
  { name: "trend", type: "string", values: ["rising", "falling", "stable"] },
  { name: "daysAgo", type: "number" },
];

/**
 * Reserved for the risk-assessment domain (`risk.<model>.level` / `.value`). They are not accepted
 * until risk assessments are stored: a rule must never read a value that does not exist.
 */
export const RESERVED_RISK_FACTS = ["risk.chinaPar.level", "risk.chinaPar.value", "risk.cdrs.value", "risk.hypertensionGrade.level", "risk.metabolicSyndrome.level"] as const;

export interface FactUniverse {
  indicatorCodes: readonly string[];
  /** `score.<formCode>.<scoreId>`: the latest completed response's score. */
  scores: readonly { formCode: string; scoreId: string }[];
}

/** Every fact name the universe allows, with its type. */
export function allFacts(universe: FactUniverse): FactSpec[] {
  return [
    ...STATIC_FACTS,
    ...universe.indicatorCodes.flatMap((code) => INDICATOR_FIELDS.map((f) => ({ ...f, name: `indicator.${code}.${f.name}` }))),
    ...universe.scores.map((s) => ({ name: `score.${s.formCode}.${s.scoreId}`, type: "number" as const })),
  ];
}
