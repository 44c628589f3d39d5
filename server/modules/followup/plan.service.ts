import { TRPCError } from "@trpc/server";
import { recordAudit } from "@/server/audit/record";
import { addTimelineEvent, badInput, inPatientTransaction, loadPatientInScope, type PatientContext } from "@/server/modules/patient/patient-context";
import { startPlanFromTemplate, TemplateNotFound } from "./plan-start";
import { localTimeOn } from "./rules/local-day";

export interface PlanSummary {
  id: string;
  templateId: string;
  templateName: string;
  templateNameEn: string | null;
  version: number;
  guideline: string | null;
  status: "active" | "completed" | "stopped";
  source: string;
  anchorAt: Date;
  nextDueAt: Date | null;
  nextKind: string;
  uncontrolledStreak: number;
  createdAt: Date;
}

export async function plansForPatient(ctx: PatientContext, patientId: string): Promise<PlanSummary[]> {
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, patientId, "followup.plans");
    const rows = await trx
      .selectFrom("followup_plans as p")
      .innerJoin("followup_template_versions as v", "v.id", "p.template_version_id")
      .innerJoin("followup_templates as t", "t.id", "v.template_id")
      .select(["p.id", "t.id as template_id", "t.name", "t.name_en", "v.version", "v.guideline", "p.status", "p.source", "p.anchor_at", "p.next_due_at", "p.next_kind", "p.uncontrolled_streak", "p.created_at"])
      .select((eb) =>
        eb.selectFrom("worklist_tasks as w").select((e) => e.fn.min("w.due_at").as("d")).whereRef("w.plan_id", "=", "p.id").where("w.status", "=", "open").as("open_due_at"),
      )
      .where("p.patient_id", "=", patientId)
      .orderBy("p.id", "desc")
      .execute();
    await recordAudit(trx, ctx.actor, { action: "followup.plans_view", resourceType: "patient", resourceId: patientId, patientId, purpose: "care" });
    return rows.map((r) => ({
      id: r.id,
      templateId: r.template_id,
      templateName: r.name,
      templateNameEn: r.name_en,
      version: r.version,
      guideline: r.guideline,
      status: r.status,
      source: r.source,
      anchorAt: r.anchor_at,
      // The open task comes first; a plan's own next date is the occurrence after it.
      nextDueAt: r.open_due_at ?? r.next_due_at,
      nextKind: r.next_kind,
      uncontrolledStreak: r.uncontrolled_streak,
      createdAt: r.created_at,
    }));
  });
}

/** Started by hand from the patient page; the anchor is a date in the tenant's time zone (09:00 local). */
export async function startPlan(ctx: PatientContext, input: { patientId: string; templateId: string; anchorDate?: string }, timeZone: string) {
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, input.patientId, "followup.plan_start");
    try {
      const anchorAt = input.anchorDate ? localTimeOn(input.anchorDate, 9, 0, timeZone) : undefined;
      const result = await startPlanFromTemplate(trx, ctx.actor, { patientId: input.patientId, template: { id: input.templateId }, anchorAt, source: "manual" });
      if (!result.created) throw badInput("planAlreadyActive");
      return result;
    } catch (error) {
      if (error instanceof TemplateNotFound) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
      throw error;
    }
  });
}

/** Stops a running plan and cancels its open tasks. */
export async function stopPlan(ctx: PatientContext, planId: string) {
  return inPatientTransaction(ctx, async (trx) => {
    const plan = await trx.selectFrom("followup_plans").select(["id", "patient_id", "status"]).where("id", "=", planId).forUpdate().executeTakeFirst();
    if (!plan) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    await loadPatientInScope(ctx, trx, plan.patient_id, "followup.plan_stop");
    if (plan.status !== "active") throw badInput("planNotActive");
    const now = new Date();
    await trx.updateTable("followup_plans").set({ status: "stopped", next_due_at: null, ended_at: now, updated_at: now }).where("id", "=", planId).execute();
    await trx.updateTable("worklist_tasks").set({ status: "cancelled", completed_at: now }).where("plan_id", "=", planId).where("status", "=", "open").execute();
    await addTimelineEvent(trx, ctx, plan.patient_id, "followup.plan_stopped", { planId });
    await recordAudit(trx, ctx.actor, { action: "followup.plan_stop", resourceType: "followup_plan", resourceId: planId, patientId: plan.patient_id, purpose: "care" });
    return { id: planId, status: "stopped" as const };
  });
}
