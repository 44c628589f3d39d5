import { z } from "zod";
import { ABNORMAL_CLASSES, ABNORMAL_OUTCOMES, ABNORMAL_STATUSES } from "@/server/modules/abnormal/rules/abnormal-classes";

const ZStaffRef = z.object({ id: z.uuid(), name: z.string() }).nullable();

export const ZAbnormalFinding = z.object({
  observationId: z.uuid(),
  rule: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  value: z.number().nullable(),
  unit: z.string(),
  observedAt: z.date(),
});
export type TAbnormalFinding = z.infer<typeof ZAbnormalFinding>;

export const ZAbnormalItemSummary = z.object({
  id: z.uuid(),
  patientId: z.uuid(),
  patientNameMasked: z.string(),
  class: z.enum(ABNORMAL_CLASSES),
  status: z.enum(ABNORMAL_STATUSES),
  foundAt: z.date(),
  dueAt: z.date(),
  overdue: z.boolean(),
  escalatedAt: z.date().nullable(),
  escalatedTo: ZStaffRef,
  responsible: ZStaffRef,
  outcome: z.enum(ABNORMAL_OUTCOMES).nullable(),
  closedAt: z.date().nullable(),
  findings: z.array(ZAbnormalFinding),
});
export type TAbnormalItemSummary = z.infer<typeof ZAbnormalItemSummary>;

export const ZAbnormalListInput = z.object({
  class: z.enum(ABNORMAL_CLASSES).optional(),
  overdueOnly: z.boolean().optional(),
  /** Only items I am responsible for or that were escalated to me. */
  mine: z.boolean().optional(),
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});
export type TAbnormalListInput = z.infer<typeof ZAbnormalListInput>;
export const ZAbnormalList = z.object({ items: z.array(ZAbnormalItemSummary), nextCursor: z.string().nullable() });

export const ZAbnormalItemInput = z.object({ itemId: z.uuid() });
export const ZAbnormalEvent = z.object({
  kind: z.enum(["created", "escalated", "closed"]),
  at: z.date(),
  actor: ZStaffRef,
  details: z.record(z.string(), z.unknown()),
});
export const ZAbnormalItemDetail = ZAbnormalItemSummary.extend({
  outcomeNote: z.string().nullable(),
  closedBy: ZStaffRef,
  history: z.array(ZAbnormalEvent),
});
export type TAbnormalItemDetail = z.infer<typeof ZAbnormalItemDetail>;

export const ZAbnormalCloseInput = z.object({
  itemId: z.uuid(),
  outcome: z.enum(ABNORMAL_OUTCOMES),
  note: z.string().trim().max(2000).optional(),
});
export type TAbnormalCloseInput = z.infer<typeof ZAbnormalCloseInput>;

export const ZPatientAbnormalInput = z.object({ patientId: z.uuid() });
