import jsonLogic from "json-logic-js";
import { allFacts, type FactUniverse } from "./facts";

/**
 * Rule conditions are JSON-logic (json-logic-js), restricted to the operations below and to the
 * documented facts. `checkCondition` refuses anything else with a message key and the offending name.
 */
export const ALLOWED_OPERATIONS = new Set([
  "var", "missing", "missing_some", "if", "==", "===", "!=", "!==", "!", "!!", "or", "and",
  ">", ">=", "<", "<=", "max", "min", "+", "-", "*", "/", "%", "in", "cat", "some", "all", "none",
]);

export interface ConditionProblem {
  /** errors.<key> */
  message: string;
  /** The fact or operation the problem is about. */
  name: string;
}

type Logic = unknown;

function isOperation(node: Logic): node is Record<string, unknown> {
  return typeof node === "object" && node !== null && !Array.isArray(node) && Object.keys(node).length === 1;
}

/** Parses text to JSON; null when it does not parse. */
export function parseCondition(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The fact names a condition reads, in order of appearance (no duplicates). Scoped vars inside some/all/none are skipped. */
export function factNames(condition: Logic): string[] {
  const names = new Set<string>();
  const walk = (node: Logic, scoped: boolean) => {
    if (Array.isArray(node)) return node.forEach((n) => walk(n, scoped));
    if (!isOperation(node)) return;
    const [op, args] = Object.entries(node)[0]!;
    if (op === "var") {
      const name = Array.isArray(args) ? args[0] : args;
      if (!scoped && typeof name === "string" && name !== "") names.add(name);
      return;
    }
    if (["some", "all", "none"].includes(op) && Array.isArray(args)) {
      walk(args[0], scoped);
      args.slice(1).forEach((a) => walk(a, true));
      return;
    }
    walk(args, scoped);
  };
  walk(condition, false);
  return [...names];
}

export function checkCondition(condition: Logic, universe: FactUniverse): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  if (!isOperation(condition)) return [{ message: "errors.ruleConditionNotLogic", name: JSON.stringify(condition)?.slice(0, 40) ?? "" }];
  const walk = (node: Logic) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node === "object" && node !== null && !isOperation(node)) {
      problems.push({ message: "errors.ruleConditionNotLogic", name: JSON.stringify(node).slice(0, 40) });
      return;
    }
    if (!isOperation(node)) return;
    const [op, args] = Object.entries(node)[0]!;
    if (!ALLOWED_OPERATIONS.has(op)) problems.push({ message: "errors.ruleUnknownOperation", name: op });
    else if (op !== "var") walk(args);
  };
  walk(condition);
  const known = new Set(allFacts(universe).map((f) => f.name));
  for (const name of factNames(condition)) {
    if (!known.has(name)) problems.push({ message: "errors.ruleUnknownFact", name });
  }
  return problems;
}

export function evaluateCondition(condition: Logic, facts: Record<string, unknown>): boolean {
  return jsonLogic.truthy(jsonLogic.apply(condition as jsonLogic.RulesLogic, facts));
}

/** A fact's value from the nested facts object (null when absent). */
export function factValue(facts: Record<string, unknown>, name: string): unknown {
  let value: unknown = facts;
  for (const part of name.split(".")) {
    if (value === null || typeof value !== "object") return null;
    value = (value as Record<string, unknown>)[part];
  }
  return value ?? null;
}

/** The values of the facts a condition reads: what is stored as the "why" of an automatic tag. */
export function usedFacts(condition: Logic, facts: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(factNames(condition).map((n) => [n, factValue(facts, n)]));
}

export interface ExplainNode {
  /** The sub-condition as JSON. */
  logic: unknown;
  result: boolean;
  children: ExplainNode[];
}

/** Which parts of the condition matched: every and/or/! node is split into its operands, leaves are evaluated as they are. */
export function explainCondition(condition: Logic, facts: Record<string, unknown>): ExplainNode {
  const node = (logic: Logic): ExplainNode => {
    const result = evaluateCondition(logic, facts);
    if (isOperation(logic)) {
      const [op, args] = Object.entries(logic)[0]!;
      if ((op === "and" || op === "or") && Array.isArray(args)) return { logic, result, children: args.map(node) };
      if ((op === "!" || op === "!!") && Array.isArray(args) && isOperation(args[0])) return { logic, result, children: [node(args[0])] };
    }
    return { logic, result, children: [] };
  };
  return node(condition);
}
