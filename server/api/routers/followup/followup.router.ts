import { z } from "zod";
import { plansForPatient, startPlan, stopPlan } from "@/server/modules/followup/plan.service";
import { recordFollowup, recordsForPatient, taskForRecord } from "@/server/modules/followup/record.service";
import { followupSettings, saveFollowupSettings } from "@/server/modules/followup/settings.service";
import { listTemplates, saveTemplate } from "@/server/modules/followup/template.service";
import { createTRPCRouter, tenantProcedure } from "../../trpc";
import { ZFollowupSettings, ZPlan, ZRecordInput, ZRecordResult, ZRecordView, ZSaveTemplateInput, ZStartPlanInput, ZTaskForRecord, ZTemplate } from "./followup.schema";

export const followupRouter = createTRPCRouter({
  templates: tenantProcedure("followup.read")
    .input(z.object({ includeInactive: z.boolean().default(false) }))
    .output(z.array(ZTemplate))
    .query(({ ctx, input }) => listTemplates(ctx, input)),

  /** Create a template, or save an edit as a new version (running plans keep theirs). */
  saveTemplate: tenantProcedure("followup.templates")
    .input(ZSaveTemplateInput)
    .output(z.object({ id: z.uuid(), version: z.number().int() }))
    .mutation(({ ctx, input }) => saveTemplate(ctx, input)),

  plans: tenantProcedure("followup.read")
    .input(z.object({ patientId: z.uuid() }))
    .output(z.array(ZPlan))
    .query(({ ctx, input }) => plansForPatient(ctx, input.patientId)),

  startPlan: tenantProcedure("followup.write")
    .input(ZStartPlanInput)
    .output(z.object({ planId: z.uuid(), created: z.boolean() }))
    .mutation(({ ctx, input }) => startPlan(ctx, input, ctx.tenant.timeZone)),

  stopPlan: tenantProcedure("followup.write")
    .input(z.object({ planId: z.uuid() }))
    .output(z.object({ id: z.uuid(), status: z.literal("stopped") }))
    .mutation(({ ctx, input }) => stopPlan(ctx, input.planId)),

  task: tenantProcedure("followup.read")
    .input(z.object({ taskId: z.uuid() }))
    .output(ZTaskForRecord)
    .query(({ ctx, input }) => taskForRecord(ctx, input.taskId)),

  /** Records a follow-up: completes the task and schedules the next one. */
  record: tenantProcedure("followup.write")
    .input(ZRecordInput)
    .output(ZRecordResult)
    .mutation(({ ctx, input }) => recordFollowup(ctx, input, ctx.tenant.timeZone)),

  records: tenantProcedure("followup.read")
    .input(z.object({ patientId: z.uuid(), limit: z.number().int().min(1).max(100).default(20) }))
    .output(z.array(ZRecordView))
    .query(({ ctx, input }) => recordsForPatient(ctx, input.patientId, input.limit)),

  /** Escalation delay for overdue tasks and the hour of the afternoon digest (tenant admins). */
  settings: tenantProcedure("settings.manage")
    .output(ZFollowupSettings)
    .query(({ ctx }) => followupSettings(ctx)),

  saveSettings: tenantProcedure("settings.manage")
    .input(ZFollowupSettings)
    .output(ZFollowupSettings)
    .mutation(({ ctx, input }) => saveFollowupSettings(ctx, input)),
});
