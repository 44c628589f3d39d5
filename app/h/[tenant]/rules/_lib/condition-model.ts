import type { FactType } from "@/server/shared/rules/facts";

/**
 * The condition builder's model and its two-way mapping to JSON-logic. The builder covers nested
 * all/any groups of comparisons "fact operator value"; anything else (arithmetic, `if`, `some` …)
 * maps to null and is edited in the JSON view only. "less than" comparisons carry a `!= null` guard
 * because json-logic compares a missing value as 0.
 */
export type Operator = "==" | "!=" | ">" | ">=" | "<" | "<=" | "in";
export type Value = number | string | boolean;

export interface Comparison {
  kind: "comparison";
  fact: string;
  op: Operator;
  value: Value;
}

export interface Group {
  kind: "group";
  match: "all" | "any";
  items: (Comparison | Group)[];
}

type Logic = unknown;

const COMPARE = new Set<Operator>(["==", "!=", ">", ">=", "<", "<="]);

/** Operators the builder offers for a fact of this type. */
export function operatorsFor(type: FactType): Operator[] {
  if (type === "number") return ["==", "!=", ">", ">=", "<", "<="];
  if (type === "string[]") return ["in"];
  return ["==", "!="];
}

/** A value of the right type for a fact (used when the fact changes). */
export function defaultValue(type: FactType, values: readonly string[] | null): Value {
  if (type === "number") return 0;
  if (type === "boolean") return true;
  return values?.[0] ?? "";
}

function single(node: Logic): [string, unknown] | null {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return null;
  const entries = Object.entries(node);
  return entries.length === 1 ? entries[0]! : null;
}

function varName(node: Logic): string | null {
  const op = single(node);
  if (!op || op[0] !== "var") return null;
  const name = Array.isArray(op[1]) ? op[1][0] : op[1];
  return typeof name === "string" && name !== "" ? name : null;
}

const isValue = (v: unknown): v is Value => typeof v === "number" || typeof v === "string" || typeof v === "boolean";

function comparisonOf(node: Logic): Comparison | null {
  const op = single(node);
  if (!op || !Array.isArray(op[1]) || op[1].length !== 2) return null;
  const [name, args] = op as [Operator, unknown[]];
  if (name === "in") {
    const fact = varName(args[1]);
    return fact && isValue(args[0]) ? { kind: "comparison", fact, op: "in", value: args[0] } : null;
  }
  if (!COMPARE.has(name)) return null;
  const fact = varName(args[0]);
  return fact && isValue(args[1]) ? { kind: "comparison", fact, op: name, value: args[1] } : null;
}

/** `{"!=": [{"var": f}, null]}` or `{"!!": [{"var": f}]}`: "f has a value". */
function guardedFact(node: Logic): string | null {
  const op = single(node);
  if (!op) return null;
  if (op[0] === "!=" && Array.isArray(op[1]) && op[1].length === 2 && op[1][1] === null) return varName(op[1][0]);
  if (op[0] === "!!" && Array.isArray(op[1]) && op[1].length === 1) return varName(op[1][0]);
  return null;
}

function itemOf(node: Logic): Comparison | Group | null {
  const op = single(node);
  if (!op) return null;
  if ((op[0] === "and" || op[0] === "or") && Array.isArray(op[1])) {
    // A guarded "less than" written by the builder is one comparison, not a group.
    if (op[0] === "and" && op[1].length === 2) {
      const guarded = guardedFact(op[1][0]);
      const cmp = comparisonOf(op[1][1]);
      if (guarded && cmp && cmp.fact === guarded && (cmp.op === "<" || cmp.op === "<=")) return cmp;
    }
    const items = op[1].map(itemOf);
    if (items.some((i) => i === null)) return null;
    return { kind: "group", match: op[0] === "and" ? "all" : "any", items: items as (Comparison | Group)[] };
  }
  return comparisonOf(node);
}

/** JSON-logic → builder model; null when the builder cannot show it. A lone comparison becomes an "all" group. */
export function toBuilder(logic: Logic): Group | null {
  const item = itemOf(logic);
  if (!item) return null;
  return item.kind === "group" ? item : { kind: "group", match: "all", items: [item] };
}

function comparisonLogic(c: Comparison): Logic {
  const v = { var: c.fact };
  if (c.op === "in") return { in: [c.value, v] };
  const cmp = { [c.op]: [v, c.value] };
  return c.op === "<" || c.op === "<=" ? { and: [{ "!=": [v, null] }, cmp] } : cmp;
}

/** Builder model → JSON-logic. */
export function fromBuilder(group: Group): Record<string, unknown> {
  const items = group.items.map((i) => (i.kind === "group" ? fromBuilder(i) : comparisonLogic(i)));
  return { [group.match === "all" ? "and" : "or"]: items };
}

export function emptyGroup(): Group {
  return { kind: "group", match: "all", items: [] };
}
