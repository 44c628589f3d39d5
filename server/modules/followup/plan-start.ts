import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { materialisePlanIfDue, versionSteps } from "./plan-scheduler";
import { firstDue } from "./rules/plan-schedule";

export type PlanSource = "manual" | "rule" | "checkup" | "result";

export interface StartPlanInput {
  patientId: string;
  /** A template id or its code (e.g. "hypertension"); the template's current version is used. */
  template: { id: string } | { code: string };
  /** Check-up date, result date or start; defaults to now. */
  anchorAt?: Date;
  source: PlanSource;
  /** An id of what started the plan (rule id, report id, observation id); never free text. */
  sourceRef?: string | null;
}

export class TemplateNotFound extends Error {}

/**
 * Starts a follow-up plan from a template — the one entry point for the patient page, rules,
 * check-ups and abnormal results. Runs in the caller's transaction; the caller has already checked
 * that the patient exists and is in scope. Idempotent per (patient, template): an active plan of the
 * same template is returned instead of a second one, so a rule firing twice starts one plan.
 */
export async function startPlanFromTemplate(trx: TenantDb, actor: AuditActor, input: StartPlanInput, now = new Date()): Promise<{ planId: string; created: boolean }> {
  let tq = trx.selectFrom("followup_templates as t").innerJoin("followup_template_versions as v", (j) => j.onRef("v.template_id", "=", "t.id").onRef("v.version", "=", "t.current_version")).select(["t.id as templateId", "v.id as versionId"]).where("t.active", "=", true);
  tq = "id" in input.template ? tq.where("t.id", "=", input.template.id) : tq.where("t.code", "=", input.template.code);
  const template = await tq.executeTakeFirst();
  if (!template) throw new TemplateNotFound();

  const existing = await trx
    .selectFrom("followup_plans as p")
    .innerJoin("followup_template_versions as v", "v.id", "p.template_version_id")
    .select("p.id")
    .where("p.patient_id", "=", input.patientId)
    .where("v.template_id", "=", template.templateId)
    .where("p.status", "=", "active")
    .executeTakeFirst();
  if (existing) return { planId: existing.id, created: false };

  const steps = (await versionSteps(trx, [template.versionId])).get(template.versionId)!;
  const guideline = (await trx.selectFrom("followup_template_versions").select("guideline").where("id", "=", template.versionId).executeTakeFirstOrThrow()).guideline;
  const anchorAt = input.anchorAt ?? now;
  const first = firstDue(anchorAt, steps);
  const planId = uuidv7();
  await trx
    .insertInto("followup_plans")
    .values({
      id: planId,
      patient_id: input.patientId,
      template_version_id: template.versionId,
      source: input.source,
      source_ref: input.sourceRef ?? null,
      anchor_at: anchorAt,
      next_due_at: first.dueAt,
      next_step_index: first.stepIndex,
      next_kind: guideline ? "followup_routine" : "followup_step",
      started_by: actor.userId,
    })
    .execute();
  await trx
    .insertInto("patient_events")
    .values({ id: uuidv7(), patient_id: input.patientId, kind: "followup.plan_started", actor_user_id: actor.userId, details: JSON.stringify({ planId, templateId: template.templateId, source: input.source }) })
    .execute();
  await recordAudit(trx, actor, { action: "followup.plan_start", resourceType: "followup_plan", resourceId: planId, patientId: input.patientId, purpose: "care", details: { templateId: template.templateId, source: input.source } });
  await materialisePlanIfDue(trx, planId, now);
  return { planId, created: true };
}
