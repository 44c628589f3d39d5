import { z } from "zod";
import { ANSWERABLE, flattenItems, FREE_TEXT, MEASUREMENTS, type TEnableWhen, type TFormDocument, type TItem } from "./document";

/**
 * Answers are a map linkId → value. Value shapes by item type:
 * boolean → boolean; integer/decimal/measurement → number; date → "YYYY-MM-DD"; choice → option code;
 * multiChoice → option codes; openChoice → { code } or { other: free text }; string/text → free text.
 */
export const ZAnswerValue = z.union([
  z.boolean(),
  z.number().finite(),
  z.string().max(4000),
  z.array(z.string().max(100)).max(50),
  z.object({ code: z.string().max(100) }).strict(),
  z.object({ other: z.string().trim().min(1).max(500) }).strict(),
]);
export type TAnswerValue = z.infer<typeof ZAnswerValue>;
export const ZAnswers = z.record(z.string().max(40), ZAnswerValue);
export type TAnswers = Record<string, TAnswerValue>;

export interface AnswerProblem {
  linkId: string;
  /** errors.<key> */
  message: string;
}

function present(value: TAnswerValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string") return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** The comparable value of an answer for conditions: option code, number, boolean, text. */
function comparable(value: TAnswerValue): string | number | boolean | string[] {
  if (typeof value === "object" && !Array.isArray(value)) return "code" in value ? value.code : value.other;
  return value;
}

function conditionHolds(cond: TEnableWhen, answers: TAnswers, enabled: Set<string>): boolean {
  const raw = enabled.has(cond.question) ? answers[cond.question] : undefined;
  if (cond.operator === "exists") return present(raw) === (cond.answer === true || cond.answer === "true");
  if (!present(raw)) return false;
  const value = comparable(raw!);
  if (Array.isArray(value)) {
    if (cond.operator === "=") return value.includes(String(cond.answer));
    if (cond.operator === "!=") return !value.includes(String(cond.answer));
    return false;
  }
  switch (cond.operator) {
    case "=":
      return value === cond.answer || String(value) === String(cond.answer);
    case "!=":
      return !(value === cond.answer || String(value) === String(cond.answer));
    default: {
      const a = Number(value);
      const b = Number(cond.answer);
      if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
      if (cond.operator === ">") return a > b;
      if (cond.operator === ">=") return a >= b;
      if (cond.operator === "<") return a < b;
      return a <= b;
    }
  }
}

/**
 * Link ids of the items shown for these answers, in document order. An item is enabled when its own
 * conditions hold (all / any) over answers of enabled earlier items, and its group is enabled; the
 * answer of a hidden item never counts.
 */
export function enabledItems(doc: Pick<TFormDocument, "items">, answers: TAnswers): Set<string> {
  const enabled = new Set<string>();
  const walk = (items: readonly TItem[], parentEnabled: boolean) => {
    for (const item of items) {
      const conds = item.enableWhen ?? [];
      const own =
        conds.length === 0 ||
        ((item.enableBehavior ?? "all") === "all" ? conds.every((c) => conditionHolds(c, answers, enabled)) : conds.some((c) => conditionHolds(c, answers, enabled)));
      const on = parentEnabled && own;
      if (on) enabled.add(item.linkId);
      if (item.items) walk(item.items, on);
    }
  };
  walk(doc.items, true);
  return enabled;
}

function typeProblem(item: TItem, value: TAnswerValue): string | null {
  const number = typeof value === "number";
  switch (item.type) {
    case "boolean":
      return typeof value === "boolean" ? null : "errors.formAnswerType";
    case "integer":
      if (!number || !Number.isInteger(value)) return "errors.formAnswerType";
      break;
    case "decimal":
    case "measurement":
      if (!number) return "errors.formAnswerType";
      break;
    case "date":
      if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return "errors.formAnswerType";
      return null;
    case "choice":
      if (typeof value !== "string") return "errors.formAnswerType";
      return item.options?.some((o) => o.code === value) ? null : "errors.formAnswerOption";
    case "multiChoice":
      if (!Array.isArray(value)) return "errors.formAnswerType";
      return value.every((c) => item.options?.some((o) => o.code === c)) && new Set(value).size === value.length ? null : "errors.formAnswerOption";
    case "openChoice":
      if (typeof value !== "object" || Array.isArray(value)) return "errors.formAnswerType";
      if ("code" in value) return item.options?.some((o) => o.code === value.code) ? null : "errors.formAnswerOption";
      return null;
    case "string":
    case "text":
      if (typeof value !== "string") return "errors.formAnswerType";
      return value.length > (item.maxLength ?? (item.type === "string" ? 200 : 4000)) ? "errors.formAnswerTooLong" : null;
    default:
      return "errors.formAnswerType";
  }
  // Numbers: the item's own range, then the plausible range of a body measurement.
  const n = value as number;
  const m = item.type === "measurement" && item.measurement ? MEASUREMENTS[item.measurement] : null;
  const min = item.min ?? m?.min;
  const max = item.max ?? m?.max;
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) return "errors.formAnswerOutOfRange";
  return null;
}

export interface CheckedAnswers {
  /** Answers of enabled items only (hidden items' answers are dropped). */
  answers: TAnswers;
  problems: AnswerProblem[];
}

/**
 * Type, option and range checks for every answer; unknown link ids are refused; `complete` also
 * requires every enabled required item. Answers to items that are hidden by their conditions are
 * dropped, so a changed earlier answer cannot leave a stale, invisible answer behind.
 */
export function checkAnswers(doc: TFormDocument, input: TAnswers, options: { complete: boolean }): CheckedAnswers {
  const byId = new Map(flattenItems(doc.items).map((i) => [i.linkId, i]));
  const problems: AnswerProblem[] = [];
  for (const linkId of Object.keys(input)) {
    const item = byId.get(linkId);
    if (!item || !ANSWERABLE.has(item.type)) problems.push({ linkId, message: "errors.formAnswerUnknownItem" });
  }
  const enabled = enabledItems(doc, input);
  const answers: TAnswers = {};
  for (const [linkId, item] of byId) {
    if (!ANSWERABLE.has(item.type) || !enabled.has(linkId)) continue;
    const value = input[linkId];
    if (!present(value)) {
      if (options.complete && item.required) problems.push({ linkId, message: "errors.formAnswerRequired" });
      continue;
    }
    const problem = typeProblem(item, value!);
    if (problem) problems.push({ linkId, message: problem });
    else answers[linkId] = value!;
  }
  return { answers, problems };
}

/** Splits answers into the part stored in clear and the free text that is sealed. */
export function splitFreeText(doc: TFormDocument, answers: TAnswers): { clear: TAnswers; freeText: Record<string, string | { other: string }> } {
  const byId = new Map(flattenItems(doc.items).map((i) => [i.linkId, i]));
  const clear: TAnswers = {};
  const freeText: Record<string, string | { other: string }> = {};
  for (const [linkId, value] of Object.entries(answers)) {
    const item = byId.get(linkId);
    if (item && FREE_TEXT.has(item.type) && typeof value === "string") freeText[linkId] = value;
    else if (typeof value === "object" && !Array.isArray(value) && "other" in value) freeText[linkId] = value;
    else clear[linkId] = value;
  }
  return { clear, freeText };
}
