import { z } from "zod";
import { ZAdviceCriteria } from "@/server/modules/advice/advice-criteria";

export const ADVICE_CATEGORIES = ["diet", "exercise", "mental", "lifestyle"] as const;
export const ZAdviceCategory = z.enum(ADVICE_CATEGORIES);

const text = (max: number) => z.string().trim().min(1, { error: "errors.adviceEmpty" }).max(max);

export const ZAdviceItem = z.object({
  templateId: z.uuid().nullable(),
  category: ZAdviceCategory,
  title: text(100),
  body: text(2000),
});
export type TAdviceItem = z.infer<typeof ZAdviceItem>;

export const ZAdvicePatientInput = z.object({ patientId: z.uuid() });
export const ZAdviceProposeInput = z.object({ patientId: z.uuid(), locale: z.enum(["zh-CN", "en"]) });
export const ZAdviceProposal = z.array(ZAdviceItem.extend({ reasons: z.array(z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) })) }));

export const ZAdvicePublishInput = z.object({ patientId: z.uuid(), items: z.array(ZAdviceItem).min(1, { error: "errors.adviceEmpty" }).max(30) });
export const ZAdviceSet = z.object({
  id: z.uuid(),
  status: z.enum(["draft", "published", "superseded"]),
  items: z.array(ZAdviceItem),
  publishedAt: z.date().nullable(),
  publishedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  createdAt: z.date(),
});
export const ZAdviceCurrent = z.object({ published: ZAdviceSet.nullable(), draft: ZAdviceSet.nullable(), history: z.array(ZAdviceSet.pick({ id: true, status: true, publishedAt: true, createdAt: true }).extend({ itemCount: z.number().int() })) });
export type TAdviceCurrent = z.infer<typeof ZAdviceCurrent>;

export const ZAdviceTemplate = z.object({
  id: z.uuid(),
  category: ZAdviceCategory,
  titleZh: text(100),
  titleEn: text(100),
  bodyZh: text(2000),
  bodyEn: text(2000),
  criteria: ZAdviceCriteria,
  priority: z.number().int().min(0).max(1000),
  active: z.boolean(),
});
export type TAdviceTemplate = z.infer<typeof ZAdviceTemplate>;
export const ZAdviceTemplateSave = ZAdviceTemplate.extend({ id: z.uuid().nullable() }).refine((t) => Object.values(t.criteria).some((v) => (Array.isArray(v) ? v.length > 0 : v === true)), { error: "errors.adviceNoCriteria", path: ["criteria"] });
