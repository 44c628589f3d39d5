/** A catalogue fact as `rules.facts` returns it. */
export interface CatalogueFact {
  name: string;
  type: "number" | "string" | "string[]" | "boolean";
  values: string[] | null;
  unit: string | null;
}

export const FACT_GROUPS = ["patient", "record", "risk", "indicator", "score"] as const;
export type FactGroup = (typeof FACT_GROUPS)[number];

export function factGroup(name: string): FactGroup {
  const prefix = name.split(".")[0];
  if (prefix === "record" || prefix === "risk" || prefix === "indicator" || prefix === "score") return prefix;
  return "patient";
}

/** The fact's name with its unit, as the picker shows it: "indicator.SBP.value (mmHg)". */
export function factOptionLabel(f: CatalogueFact): string {
  return f.unit ? `${f.name} (${f.unit})` : f.name;
}
