import { z } from "zod";

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "errors.dateInvalid" });

export const ZSummaryGenerateInput = z.object({ patientId: z.uuid(), periodStart: isoDay, periodEnd: isoDay }).refine((v) => v.periodEnd >= v.periodStart, { error: "errors.summaryPeriodInvalid", path: ["periodEnd"] });
export const ZSummaryUpdateInput = z.object({ summaryId: z.uuid(), narrative: z.string().max(8000) });
export const ZSummaryIdInput = z.object({ summaryId: z.uuid() });

export const ZSummaryContent = z.object({
  periodStart: z.string(),
  periodEnd: z.string(),
  indicators: z.array(z.object({ metric: z.string(), unit: z.string(), from: z.number(), fromAt: z.string(), to: z.number(), toAt: z.string(), direction: z.enum(["up", "down", "same"]), improved: z.boolean().nullable() })),
  goals: z.array(z.object({ planTitle: z.string(), metric: z.string(), comparator: z.string(), target: z.number(), unit: z.string(), status: z.string() })),
  goalsMet: z.number().int(),
  goalsTotal: z.number().int(),
  followups: z.object({ done: z.number().int(), missed: z.number().int() }).nullable(),
  risks: z.array(z.object({ modelId: z.string(), from: z.string().nullable(), to: z.string().nullable(), fromScore: z.number().nullable(), toScore: z.number().nullable(), changed: z.boolean() })),
  advice: z.array(z.object({ publishedAt: z.string(), items: z.number().int() })),
});
export const ZSummary = z.object({
  id: z.uuid(),
  periodStart: z.string(),
  periodEnd: z.string(),
  status: z.enum(["draft", "published"]),
  source: z.enum(["manual", "scheduled"]),
  content: ZSummaryContent,
  narrative: z.string(),
  publishedAt: z.date().nullable(),
  publishedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  updatedAt: z.date(),
});
export type TSummary = z.infer<typeof ZSummary>;
