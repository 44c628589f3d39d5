import { z } from "zod";
import { CONTACT_RESULTS } from "@/server/modules/followup/record.service";
import { FOLLOWUP_TASK_KINDS } from "@/server/modules/followup/rules/plan-schedule";
import { GUIDELINES, ZTemplateStep } from "@/server/modules/followup/rules/template-steps";
import { WORKLIST_BUCKETS } from "@/server/modules/worklist/worklist-board.service";

const ZIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ZTemplate = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  version: z.number().int(),
  guideline: z.enum(GUIDELINES).nullable(),
  active: z.boolean(),
  steps: z.array(ZTemplateStep),
  activePlans: z.number().int(),
});

export const ZSaveTemplateInput = z.object({
  id: z.uuid().optional(),
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/).optional(),
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).nullable().optional(),
  guideline: z.enum(GUIDELINES).nullable(),
  steps: z.array(ZTemplateStep).min(1).max(20),
  active: z.boolean().default(true),
});

export const ZPlan = z.object({
  id: z.uuid(),
  templateId: z.uuid(),
  templateName: z.string(),
  templateNameEn: z.string().nullable(),
  version: z.number().int(),
  guideline: z.string().nullable(),
  status: z.enum(["active", "completed", "stopped"]),
  source: z.string(),
  anchorAt: z.date(),
  nextDueAt: z.date().nullable(),
  nextKind: z.string(),
  uncontrolledStreak: z.number().int(),
  createdAt: z.date(),
});

export const ZStartPlanInput = z.object({ patientId: z.uuid(), templateId: z.uuid(), anchorDate: ZIsoDate.optional() });

export const ZBoardInput = z.object({
  bucket: z.enum(WORKLIST_BUCKETS),
  kind: z.string().max(40).optional(),
  patientId: z.uuid().optional(),
  mine: z.boolean().default(false),
  limit: z.number().int().min(1).max(200).default(50),
  after: z.object({ dueAt: z.date(), id: z.uuid() }).optional(),
});

export const ZBoard = z.object({
  counts: z.object({ overdue: z.number().int(), today: z.number().int(), upcoming: z.number().int() }),
  hasMore: z.boolean(),
  tasks: z.array(
    z.object({
      id: z.uuid(),
      kind: z.string(),
      dueAt: z.date().nullable(),
      channel: z.string().nullable(),
      planId: z.uuid().nullable(),
      templateName: z.string().nullable(),
      templateNameEn: z.string().nullable(),
      stepTitle: z.string().nullable(),
      stepTitleEn: z.string().nullable(),
      escalated: z.boolean(),
      assignedToMe: z.boolean(),
      patient: z.object({ id: z.uuid(), nameMasked: z.string() }),
    }),
  ),
});

const ZReadingsInput = z.object({
  systolicMmHg: z.number().int().min(50).max(300).nullable().optional(),
  diastolicMmHg: z.number().int().min(30).max(200).nullable().optional(),
  fastingGlucoseMmolL: z.number().min(1).max(40).nullable().optional(),
  dangerSigns: z.boolean().optional(),
  adverseReaction: z.boolean().optional(),
});

export const ZRecordInput = z.object({
  taskId: z.uuid(),
  contactResult: z.enum(CONTACT_RESULTS),
  answers: z.record(z.string().max(40), z.union([z.string().max(2000), z.number(), z.boolean()])).default({}),
  note: z.string().trim().max(4000).nullable().optional(),
  readings: ZReadingsInput.default({}),
  nextStep: z.discriminatedUnion("mode", [z.object({ mode: z.literal("auto") }), z.object({ mode: z.literal("custom"), dueDate: ZIsoDate }), z.object({ mode: z.literal("end_plan") })]).default({ mode: "auto" }),
});

export const ZRecordResult = z.object({
  recordId: z.uuid(),
  assessment: z.enum(["controlled", "uncontrolled", "emergency"]).nullable(),
  nextAction: z.string(),
  nextDueAt: z.date().nullable(),
  nextTaskId: z.uuid().nullable(),
});

const ZPrevious = z.object({
  id: z.uuid(),
  recordedAt: z.date(),
  contactResult: z.string(),
  systolicMmHg: z.number().nullable(),
  diastolicMmHg: z.number().nullable(),
  fastingGlucoseMmolL: z.number().nullable(),
  assessment: z.string().nullable(),
  nextAction: z.string().nullable(),
});

export const ZTaskForRecord = z.object({
  task: z.object({ id: z.uuid(), kind: z.string(), status: z.string(), dueAt: z.date().nullable(), channel: z.string().nullable() }),
  patient: z.object({ id: z.uuid(), nameMasked: z.string(), sex: z.string() }),
  plan: z.object({ id: z.uuid(), templateName: z.string(), templateNameEn: z.string().nullable(), guideline: z.string().nullable(), uncontrolledStreak: z.number().int() }).nullable(),
  step: ZTemplateStep.nullable(),
  previous: z.array(ZPrevious),
});

export const ZRecordView = z.object({
  id: z.uuid(),
  recordedAt: z.date(),
  channel: z.string(),
  contactResult: z.string(),
  answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  note: z.string().nullable(),
  systolicMmHg: z.number().nullable(),
  diastolicMmHg: z.number().nullable(),
  fastingGlucoseMmolL: z.number().nullable(),
  assessment: z.string().nullable(),
  nextAction: z.string().nullable(),
  nextDueAt: z.date().nullable(),
  recordings: z.array(z.object({ id: z.uuid(), durationS: z.number().nullable(), status: z.string(), startedAt: z.date().nullable() })),
});

export const TASK_KINDS_FOR_FILTER = ["first_contact", "complete_health_record", ...FOLLOWUP_TASK_KINDS] as const;

export const ZFollowupSettings = z.object({
  escalateAfterHours: z.number().int().min(1).max(720),
  digestEnabled: z.boolean(),
  digestHour: z.number().int().min(0).max(23),
});
