import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit } from "@/server/audit/record";
import { openFieldOrNull, sealFieldOrNull } from "@/server/crypto/field-crypto";
import { addTimelineEvent, badInput, binding, inPatientTransaction, keyring, loadPatientInScope, openPatientField, patientKey, type PatientContext } from "@/server/modules/patient/patient-context";
import { maskName } from "@/server/modules/patient/rules/masking";
import { materialisePlanIfDue, versionSteps } from "./plan-scheduler";
import { writeFollowupReadings } from "./record-readings";
import { assess, decideNext, RECHECK_DAYS, ROUTINE_INTERVAL_DAYS, type Assessment, type Reading } from "./rules/guideline";
import { localTimeOn } from "./rules/local-day";
import { addDays, kindForAction, RETRY_AFTER_DAYS, type FollowupTaskKind } from "./rules/plan-schedule";
import { answersProblem, type Answers } from "./rules/answers";
import type { TemplateStep } from "./rules/template-steps";
import { evaluateAfterChange } from "@/server/modules/rules/evaluate-after-change";

export const CONTACT_RESULTS = ["reached", "visited", "no_answer", "wrong_number", "refused"] as const;
export type ContactResult = (typeof CONTACT_RESULTS)[number];
const REACHED: readonly ContactResult[] = ["reached", "visited"];

export type NextStepChoice = { mode: "auto" } | { mode: "custom"; dueDate: string } | { mode: "end_plan" };

export interface RecordInput {
  taskId: string;
  contactResult: ContactResult;
  answers: Answers;
  note?: string | null;
  readings: Reading;
  nextStep: NextStepChoice;
}

async function loadOpenTask(trx: TenantDb, taskId: string) {
  return trx
    .selectFrom("worklist_tasks")
    .select(["id", "patient_id", "kind", "status", "plan_id", "step_index", "channel", "due_at"])
    .where("id", "=", taskId)
    .forUpdate()
    .executeTakeFirst();
}

async function planContext(trx: TenantDb, planId: string | null) {
  if (!planId) return null;
  const plan = await trx
    .selectFrom("followup_plans as p")
    .innerJoin("followup_template_versions as v", "v.id", "p.template_version_id")
    .innerJoin("followup_templates as t", "t.id", "v.template_id")
    .select(["p.id", "p.status", "p.uncontrolled_streak", "p.next_due_at", "p.template_version_id", "v.guideline", "t.name", "t.name_en"])
    .where("p.id", "=", planId)
    .forUpdate("p")
    .executeTakeFirstOrThrow();
  const steps = (await versionSteps(trx, [plan.template_version_id])).get(plan.template_version_id) ?? [];
  return { ...plan, steps };
}

/** Everything the record form needs for one task: the step (questions), the guideline, earlier readings. */
export async function taskForRecord(ctx: PatientContext, taskId: string) {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const task = await loadOpenTask(trx, taskId);
    if (!task) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    const patient = await loadPatientInScope(ctx, trx, task.patient_id, "followup.task_open");
    const plan = await planContext(trx, task.plan_id);
    const step: TemplateStep | null = plan && task.step_index !== null ? (plan.steps[task.step_index] ?? null) : null;
    const previous = await trx
      .selectFrom("followup_records")
      .select(["id", "recorded_at", "contact_result", "systolic_mmhg", "diastolic_mmhg", "fasting_glucose_mmol_l", "assessment", "next_action"])
      .where("patient_id", "=", task.patient_id)
      .orderBy("id", "desc")
      .limit(5)
      .execute();
    await recordAudit(trx, ctx.actor, { action: "followup.task_open", resourceType: "worklist_task", resourceId: taskId, patientId: task.patient_id, purpose: "care" });
    const name = openPatientField(ctx, patientKey(ring, patient.id, patient.key_sealed), "name", patient.id, patient.name_sealed);
    return {
      task: { id: task.id, kind: task.kind, status: task.status, dueAt: task.due_at, channel: task.channel },
      patient: { id: patient.id, nameMasked: name ? maskName(name) : "***", sex: patient.sex },
      plan: plan ? { id: plan.id, templateName: plan.name, templateNameEn: plan.name_en, guideline: plan.guideline, uncontrolledStreak: plan.uncontrolled_streak } : null,
      step,
      previous: previous.map((r) => ({
        id: r.id,
        recordedAt: r.recorded_at,
        contactResult: r.contact_result,
        systolicMmHg: r.systolic_mmhg,
        diastolicMmHg: r.diastolic_mmhg,
        fastingGlucoseMmolL: r.fasting_glucose_mmol_l === null ? null : Number(r.fasting_glucose_mmol_l),
        assessment: r.assessment,
        nextAction: r.next_action,
      })),
    };
  });
}

interface NextDecision {
  action: string;
  assessment: Assessment | null;
  /** Due date of a task scheduled through the plan (guideline), or of an ad-hoc task. */
  dueAt: Date | null;
  planUpdate?: { next_due_at: Date | null; next_kind?: FollowupTaskKind; uncontrolled_streak?: number; status?: "completed" };
  adHoc?: { kind: FollowupTaskKind; dueAt: Date };
}

function decide(input: RecordInput, plan: Awaited<ReturnType<typeof planContext>>, taskKind: string, now: Date, timeZone: string): NextDecision {
  const reached = REACHED.includes(input.contactResult);
  const guideline = plan?.guideline ?? null;
  const assessment = guideline && reached ? assess(guideline, input.readings) : null;
  if (input.nextStep.mode === "end_plan") return { action: "end_plan", assessment, dueAt: null, planUpdate: plan ? { next_due_at: null, status: "completed" } : undefined };
  if (input.nextStep.mode === "custom") {
    const dueAt = localTimeOn(input.nextStep.dueDate, 9, 0, timeZone);
    if (dueAt.getTime() < now.getTime() - 86_400_000) throw badInput("nextDateInPast");
    return { action: "custom", assessment, dueAt, adHoc: { kind: "followup_retry", dueAt }, planUpdate: guideline ? { next_due_at: null } : undefined };
  }
  if (!reached) {
    const dueAt = addDays(now, RETRY_AFTER_DAYS);
    return { action: "retry", assessment: null, dueAt, adHoc: { kind: "followup_retry", dueAt } };
  }
  if (!plan || !guideline) return { action: "template", assessment: null, dueAt: plan?.next_due_at ?? null };
  if (assessment) {
    const d = decideNext(assessment, plan.uncontrolled_streak);
    const dueAt = addDays(now, d.dueInDays);
    return { action: d.action, assessment, dueAt, planUpdate: { next_due_at: dueAt, next_kind: kindForAction(d.action), uncontrolled_streak: d.uncontrolledStreak } };
  }
  // No deciding reading: a referral is followed up again in 2 weeks, anything else returns to routine.
  const afterReferral = taskKind === "followup_referral" || taskKind === "followup_emergency";
  const dueAt = addDays(now, afterReferral ? RECHECK_DAYS : ROUTINE_INTERVAL_DAYS);
  return { action: afterReferral ? "recheck" : "routine", assessment: null, dueAt, planUpdate: { next_due_at: dueAt, next_kind: afterReferral ? "followup_recheck" : "followup_routine" } };
}

/**
 * Records a follow-up: completes the task, stores the answers (sealed), the readings and the
 * guideline's assessment, and schedules the next task (guideline decision, template calendar, retry
 * when the patient was not reached, or the manager's own date). One transaction.
 */
export async function recordFollowup(ctx: PatientContext, input: RecordInput, timeZone: string, now = new Date()) {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const task = await loadOpenTask(trx, input.taskId);
    if (!task) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    const patient = await loadPatientInScope(ctx, trx, task.patient_id, "followup.record");
    if (task.status !== "open") throw new TRPCError({ code: "CONFLICT", message: "errors.taskNotOpen" });
    const plan = await planContext(trx, task.plan_id);
    const step = plan && task.step_index !== null ? plan.steps[task.step_index] : undefined;
    const reached = REACHED.includes(input.contactResult);
    if (reached && step) {
      const problem = answersProblem(step.questions, input.answers);
      if (problem) throw badInput(problem);
    }
    const decision = decide(input, plan, task.kind, now, timeZone);

    const key = patientKey(ring, patient.id, patient.key_sealed);
    if (!key) throw badInput("patientErased");
    const recordId = uuidv7();
    await trx
      .insertInto("followup_records")
      .values({
        id: recordId,
        task_id: task.id,
        plan_id: task.plan_id,
        patient_id: patient.id,
        recorded_by: ctx.actor.userId,
        channel: task.channel ?? step?.channel ?? "phone",
        contact_result: input.contactResult,
        answers_sealed: Object.keys(input.answers).length ? sealFieldOrNull(key, JSON.stringify(input.answers), binding(ctx, "followup_records", "answers", recordId)) : null,
        note_sealed: sealFieldOrNull(key, input.note ?? null, binding(ctx, "followup_records", "note", recordId)),
        systolic_mmhg: input.readings.systolicMmHg ?? null,
        diastolic_mmhg: input.readings.diastolicMmHg ?? null,
        fasting_glucose_mmol_l: input.readings.fastingGlucoseMmolL ?? null,
        assessment: decision.assessment,
        next_action: decision.action,
        next_due_at: decision.dueAt,
        recorded_at: now,
      })
      .execute();
    const observationIds = reached ? await writeFollowupReadings(trx, ctx, patient, key, recordId, input.readings, now) : [];
    await trx.updateTable("worklist_tasks").set({ status: "done", completed_at: now }).where("id", "=", task.id).execute();
    if (reached) {
      await trx.updateTable("patients").set({ last_contact_at: now }).where("id", "=", patient.id).execute();
      await evaluateAfterChange(trx, ctx, [patient.id]);
    }
    // Recordings of calls made for this task attach to the record.
    await trx
      .updateTable("call_recordings")
      .set({ followup_record_id: recordId })
      .where("followup_record_id", "is", null)
      .where("call_session_id", "in", trx.selectFrom("call_sessions").select("id").where("task_id", "=", task.id))
      .execute();

    let nextTaskId: string | null = null;
    if (decision.adHoc) {
      nextTaskId = uuidv7();
      await trx
        .insertInto("worklist_tasks")
        .values({ id: nextTaskId, assignee_user_id: patient.manager_user_id, patient_id: patient.id, kind: decision.adHoc.kind, due_at: decision.adHoc.dueAt, plan_id: task.plan_id, step_index: task.step_index, channel: task.channel, unique_key: `record:${recordId}` })
        .execute();
    }
    if (plan && decision.planUpdate) {
      const u = decision.planUpdate;
      await trx
        .updateTable("followup_plans")
        .set({
          next_due_at: u.next_due_at,
          ...(u.next_kind ? { next_kind: u.next_kind } : {}),
          ...(u.uncontrolled_streak !== undefined ? { uncontrolled_streak: u.uncontrolled_streak } : {}),
          ...(u.status ? { status: u.status, ended_at: now } : {}),
          updated_at: now,
        })
        .where("id", "=", plan.id)
        .execute();
      if (u.status === "completed") await trx.updateTable("worklist_tasks").set({ status: "cancelled", completed_at: now }).where("plan_id", "=", plan.id).where("status", "=", "open").execute();
      else await materialisePlanIfDue(trx, plan.id, now, { anyDate: true });
    }
    if (plan && !decision.planUpdate && !decision.adHoc) await completePlanIfFinished(trx, plan.id, now);
    if (!nextTaskId && plan) {
      const next = await trx.selectFrom("worklist_tasks").select("id").where("plan_id", "=", plan.id).where("status", "=", "open").orderBy("due_at").executeTakeFirst();
      nextTaskId = next?.id ?? null;
    }

    await addTimelineEvent(trx, ctx, patient.id, "followup.recorded", { recordId, taskId: task.id, contactResult: input.contactResult, assessment: decision.assessment, nextAction: decision.action });
    await recordAudit(trx, ctx.actor, { action: "followup.record", resourceType: "followup_record", resourceId: recordId, patientId: patient.id, purpose: "care", details: { taskId: task.id, nextAction: decision.action, observationIds } });
    return { recordId, assessment: decision.assessment, nextAction: decision.action, nextDueAt: decision.dueAt, nextTaskId };
  });
}

/** A template plan whose calendar is exhausted and has no open task is complete. */
async function completePlanIfFinished(trx: TenantDb, planId: string, now: Date): Promise<void> {
  const plan = await trx.selectFrom("followup_plans").select(["next_due_at", "status"]).where("id", "=", planId).executeTakeFirstOrThrow();
  if (plan.status !== "active" || plan.next_due_at !== null) return;
  const open = await trx.selectFrom("worklist_tasks").select("id").where("plan_id", "=", planId).where("status", "=", "open").executeTakeFirst();
  if (!open) await trx.updateTable("followup_plans").set({ status: "completed", ended_at: now, updated_at: now }).where("id", "=", planId).execute();
}

/** A patient's follow-up records, newest first, with answers and notes opened and recordings listed. */
export async function recordsForPatient(ctx: PatientContext, patientId: string, limit: number) {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const patient = await loadPatientInScope(ctx, trx, patientId, "followup.records");
    const key = patientKey(ring, patient.id, patient.key_sealed);
    const rows = await trx.selectFrom("followup_records").selectAll().where("patient_id", "=", patientId).orderBy("id", "desc").limit(limit).execute();
    const recordings = rows.length
      ? await trx.selectFrom("call_recordings").select(["id", "followup_record_id", "duration_s", "status", "call_started_at"]).where("followup_record_id", "in", rows.map((r) => r.id)).execute()
      : [];
    await recordAudit(trx, ctx.actor, { action: "followup.records_view", resourceType: "patient", resourceId: patientId, patientId, purpose: "care" });
    return rows.map((r) => {
      const answers = key ? openFieldOrNull(key, r.answers_sealed, binding(ctx, "followup_records", "answers", r.id)) : null;
      return {
        id: r.id,
        recordedAt: r.recorded_at,
        channel: r.channel,
        contactResult: r.contact_result,
        answers: answers ? (JSON.parse(answers) as Answers) : {},
        note: key ? openFieldOrNull(key, r.note_sealed, binding(ctx, "followup_records", "note", r.id)) : null,
        systolicMmHg: r.systolic_mmhg,
        diastolicMmHg: r.diastolic_mmhg,
        fastingGlucoseMmolL: r.fasting_glucose_mmol_l === null ? null : Number(r.fasting_glucose_mmol_l),
        assessment: r.assessment,
        nextAction: r.next_action,
        nextDueAt: r.next_due_at,
        recordings: recordings.filter((x) => x.followup_record_id === r.id).map((x) => ({ id: x.id, durationS: x.duration_s, status: x.status, startedAt: x.call_started_at })),
      };
    });
  });
}
