import { z } from "zod";

/**
 * A form definition (问卷 / 问诊表), shaped after FHIR R4 Questionnaire: nested items with a stable
 * `linkId`, groups and display text, typed questions, `required`, `enableWhen` on earlier answers,
 * ranges, choice options with score values, calculated scores with interpretation bands, and mappings
 * of answers onto indicators (observations) and health-record fields. Texts are stored per language.
 * Isomorphic: the builder's live preview and the server use the same schema and logic.
 */
export const FORM_LOCALES = ["zh-CN", "en"] as const;
export type FormLocale = (typeof FORM_LOCALES)[number];

export const ZText = z.object({ "zh-CN": z.string().trim().min(1).max(500), en: z.string().trim().min(1).max(500) });
export type TText = z.infer<typeof ZText>;

export const ZLinkId = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, { error: "errors.formLinkIdInvalid" });

export const ITEM_TYPES = ["group", "display", "boolean", "integer", "decimal", "date", "choice", "multiChoice", "openChoice", "string", "text", "measurement"] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Body measurements: the unit is fixed so the answer can become an observation without guessing. */
export const MEASUREMENTS = {
  weight: { unit: "kg", min: 2, max: 350, indicator: "WEIGHT" },
  height: { unit: "cm", min: 40, max: 250, indicator: "HEIGHT" },
  waist: { unit: "cm", min: 30, max: 250, indicator: "WAIST" },
  systolic: { unit: "mmHg", min: 40, max: 300, indicator: "SBP" },
  diastolic: { unit: "mmHg", min: 20, max: 200, indicator: "DBP" },
  heartRate: { unit: "/min", min: 15, max: 300, indicator: "HR" },
} as const;
export type MeasurementKind = keyof typeof MEASUREMENTS;
export const MEASUREMENT_KINDS = Object.keys(MEASUREMENTS) as MeasurementKind[];

export const ZOption = z.object({
  code: z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/, { error: "errors.formOptionCodeInvalid" }),
  text: ZText,
  /** Points this option adds to a score (PHQ-9: 0–3). */
  score: z.number().finite().optional(),
});
export type TOption = z.infer<typeof ZOption>;

export const ENABLE_OPERATORS = ["exists", "=", "!=", ">", ">=", "<", "<="] as const;
export const ZEnableWhen = z.object({
  question: ZLinkId,
  operator: z.enum(ENABLE_OPERATORS),
  /** Compared with the answer (option code, number, boolean); for `exists`, whether an answer is present. */
  answer: z.union([z.string().max(100), z.number().finite(), z.boolean()]),
});
export type TEnableWhen = z.infer<typeof ZEnableWhen>;

export interface TItem {
  linkId: string;
  type: ItemType;
  text: TText;
  help?: TText | undefined;
  required?: boolean | undefined;
  enableWhen?: TEnableWhen[] | undefined;
  enableBehavior?: "all" | "any" | undefined;
  min?: number | undefined;
  max?: number | undefined;
  unit?: string | undefined;
  measurement?: MeasurementKind | undefined;
  options?: TOption[] | undefined;
  maxLength?: number | undefined;
  items?: TItem[] | undefined;
}

export const ZItem: z.ZodType<TItem> = z.lazy(() =>
  z.object({
    linkId: ZLinkId,
    type: z.enum(ITEM_TYPES),
    text: ZText,
    help: ZText.optional(),
    required: z.boolean().optional(),
    enableWhen: z.array(ZEnableWhen).max(10).optional(),
    enableBehavior: z.enum(["all", "any"]).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    unit: z.string().trim().max(20).optional(),
    measurement: z.enum(MEASUREMENT_KINDS as [MeasurementKind, ...MeasurementKind[]]).optional(),
    options: z.array(ZOption).max(50).optional(),
    maxLength: z.number().int().min(1).max(4000).optional(),
    items: z.array(ZItem).max(100).optional(),
  }),
);

export const SEVERITIES = ["normal", "attention", "high", "critical"] as const;
export const ZBand = z.object({
  min: z.number().finite(),
  max: z.number().finite(),
  label: ZText,
  severity: z.enum(SEVERITIES),
});
export type TBand = z.infer<typeof ZBand>;

export const ZScore = z.object({
  id: ZLinkId,
  title: ZText,
  /** Sum of the listed items: option scores for choices, the value for numbers, 1/0 for booleans. */
  items: z.array(ZLinkId).min(1).max(100),
  bands: z.array(ZBand).max(10).default([]),
});
export type TScore = z.infer<typeof ZScore>;

/** Health-record fields an answer may fill (record.lifestyle.*). */
export const RECORD_TARGETS = ["lifestyle.smoking", "lifestyle.drinking", "lifestyle.exerciseMinutesPerWeek", "lifestyle.sleepHoursPerNight", "lifestyle.cigarettesPerDay"] as const;
export type RecordTarget = (typeof RECORD_TARGETS)[number];

export const ZMapping = z.discriminatedUnion("kind", [
  /** A number answer becomes an observation of this indicator (catalogue code, catalogue unit). */
  z.object({ kind: z.literal("indicator"), linkId: ZLinkId, indicator: z.string().regex(/^[A-Z0-9_]{1,20}$/) }),
  /** An answer becomes a health-record field; `values` maps option codes onto the field's values. */
  z.object({ kind: z.literal("record"), linkId: ZLinkId, field: z.enum(RECORD_TARGETS), values: z.record(z.string(), z.string()).optional() }),
]);
export type TMapping = z.infer<typeof ZMapping>;

export const ZFormDocument = z
  .object({
    title: ZText,
    description: ZText.optional(),
    items: z.array(ZItem).min(1).max(200),
    scores: z.array(ZScore).max(10).default([]),
    mappings: z.array(ZMapping).max(50).default([]),
  })
  .superRefine((doc, ctx) => {
    for (const issue of documentProblems(doc)) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  });
export type TFormDocument = z.infer<typeof ZFormDocument>;

/** Every item in document order (groups before their children). */
export function flattenItems(items: readonly TItem[]): TItem[] {
  const out: TItem[] = [];
  const walk = (list: readonly TItem[]) => {
    for (const item of list) {
      out.push(item);
      if (item.items) walk(item.items);
    }
  };
  walk(items);
  return out;
}

export const ANSWERABLE: ReadonlySet<ItemType> = new Set(["boolean", "integer", "decimal", "date", "choice", "multiChoice", "openChoice", "string", "text", "measurement"]);
/** Free-text answers are sealed at rest (DESIGN §3.4). */
export const FREE_TEXT: ReadonlySet<ItemType> = new Set(["string", "text"]);

/** Structural checks the item schema cannot express: unique link ids, conditions on EARLIER questions, options where needed, scores over known items. */
function documentProblems(doc: { items: TItem[]; scores: TScore[]; mappings: TMapping[] }): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const seen = new Map<string, TItem>();
  flattenItems(doc.items).forEach((item) => {
    const path = ["items", item.linkId];
    if (seen.has(item.linkId)) problems.push({ path, message: "errors.formLinkIdDuplicate" });
    if ((item.type === "group") !== !!item.items?.length) problems.push({ path, message: "errors.formGroupItems" });
    if (["choice", "multiChoice", "openChoice"].includes(item.type) && !item.options?.length) problems.push({ path, message: "errors.formOptionsRequired" });
    if (item.type === "measurement" && !item.measurement) problems.push({ path, message: "errors.formMeasurementRequired" });
    if (item.min !== undefined && item.max !== undefined && item.min > item.max) problems.push({ path, message: "errors.formRangeReversed" });
    for (const cond of item.enableWhen ?? []) {
      const target = seen.get(cond.question);
      if (!target || !ANSWERABLE.has(target.type)) problems.push({ path: [...path, "enableWhen", cond.question], message: "errors.formEnableWhenUnknown" });
    }
    seen.set(item.linkId, item);
  });
  for (const score of doc.scores) {
    for (const linkId of score.items) {
      const item = seen.get(linkId);
      if (!item || !["boolean", "integer", "decimal", "choice", "multiChoice", "measurement"].includes(item.type)) {
        problems.push({ path: ["scores", score.id, linkId], message: "errors.formScoreItemUnknown" });
      }
    }
  }
  for (const m of doc.mappings) {
    const item = seen.get(m.linkId);
    if (!item || !ANSWERABLE.has(item.type)) problems.push({ path: ["mappings", m.linkId], message: "errors.formMappingItemUnknown" });
  }
  return problems;
}
