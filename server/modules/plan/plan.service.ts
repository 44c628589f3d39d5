import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit } from "@/server/audit/record";
import { addTimelineEvent, badInput, inPatientTransaction, isoDate, loadPatientInScope, type PatientContext } from "@/server/modules/patient/patient-context";
import { loadRiskMeasurements } from "@/server/modules/risk/measurement-source";
import type { Measurement } from "@/server/modules/risk/risk-inputs";
import type { TPlan, TPlanCreateInput } from "@/server/shared/dto/plan";
import { goalProgress, METRIC_SOURCE, type GoalMetric } from "./goal-progress";

/** Today in the tenant's time zone as YYYY-MM-DD (goal dates are calendar dates there). */
export function tenantToday(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

function seriesFor(metric: GoalMetric, measurements: Measurement[]): { value: number; at: Date }[] {
  const codes = METRIC_SOURCE[metric].loinc as readonly string[];
  return measurements.filter((m) => codes.includes(m.loinc)).map((m) => ({ value: m.value, at: m.observedAt }));
}

function latestOf(series: { value: number; at: Date }[]): number | null {
  return series.reduce<{ value: number; at: Date } | null>((a, b) => (!a || b.at > a.at ? b : a), null)?.value ?? null;
}

/** The tenant procedure binds the resolved tenant (with its time zone) into the context. */
export function tenantTimeZone(ctx: PatientContext): string {
  return (ctx.tenant as { timeZone?: string }).timeZone ?? "Asia/Shanghai";
}

export async function createPlan(ctx: PatientContext, input: TPlanCreateInput): Promise<{ id: string }> {
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, input.patientId, "plan.create");
    const today = tenantToday(tenantTimeZone(ctx));
    if (input.goals.some((g) => g.dueDate <= today)) throw badInput("planGoalDatePast");
    const measurements = (await loadRiskMeasurements(trx, [p.id])).get(p.id) ?? [];
    if (input.goals.some((g) => (g.comparator === "decrease_by" || g.comparator === "increase_by") && latestOf(seriesFor(g.metric, measurements)) === null)) throw badInput("planRelativeGoalNeedsBaseline");
    const id = uuidv7();
    await trx.insertInto("care_plans").values({ id, patient_id: p.id, kind: input.kind, title: input.title, start_date: today, created_by: ctx.actor.userId }).execute();
    await trx
      .insertInto("care_plan_goals")
      .values(
        input.goals.map((g, i) => {
          const series = seriesFor(g.metric, measurements);
          return { id: uuidv7(), plan_id: id, metric: g.metric, comparator: g.comparator, target_value: g.target, baseline_value: latestOf(series), baseline_at: series.length ? new Date(Math.max(...series.map((s) => s.at.getTime()))) : null, due_date: g.dueDate, position: i };
        }),
      )
      .execute();
    if (input.tasks.length) await trx.insertInto("care_plan_tasks").values(input.tasks.map((t, i) => ({ id: uuidv7(), plan_id: id, title: t.title, frequency: t.frequency, times_per_period: t.timesPerPeriod, position: i }))).execute();
    await addTimelineEvent(trx, ctx, p.id, "plan.created", { planId: id, kind: input.kind, goals: input.goals.length });
    await recordAudit(trx, ctx.actor, { action: "plan.create", resourceType: "care_plan", resourceId: id, patientId: p.id, purpose: "care", details: { goals: input.goals.length, tasks: input.tasks.length } });
    return { id };
  });
}

/** Plans of a patient with every goal's progress computed from the latest measurements. */
export async function listPlans(ctx: PatientContext, patientId: string): Promise<TPlan[]> {
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, patientId, "plan.list");
    const plans = await plansWithProgress(trx, p.id, tenantToday(tenantTimeZone(ctx)));
    await recordAudit(trx, ctx.actor, { action: "plan.view", resourceType: "care_plan", resourceId: p.id, patientId: p.id, purpose: "care" });
    return plans;
  });
}

/** Also used by the stage summary and the report (callers audit). */
export async function plansWithProgress(db: TenantDb, patientId: string, today: string): Promise<TPlan[]> {
  const plans = await db.selectFrom("care_plans").selectAll().where("patient_id", "=", patientId).orderBy("created_at", "desc").execute();
  if (plans.length === 0) return [];
  const ids = plans.map((x) => x.id);
  const [goals, tasks, measurements] = await Promise.all([
    db.selectFrom("care_plan_goals").selectAll().where("plan_id", "in", ids).orderBy("position").execute(),
    db.selectFrom("care_plan_tasks").selectAll().where("plan_id", "in", ids).orderBy("position").execute(),
    loadRiskMeasurements(db, [patientId]).then((m) => m.get(patientId) ?? []),
  ]);
  return plans.map((plan) => {
    const start = isoDate(plan.start_date)!;
    const gs = goals
      .filter((g) => g.plan_id === plan.id)
      .map((g) => {
        const metric = g.metric as GoalMetric;
        const pr = goalProgress({ comparator: g.comparator, target: g.target_value, baseline: g.baseline_value, startDate: start, dueDate: isoDate(g.due_date)! }, seriesFor(metric, measurements), today);
        return { id: g.id, metric, comparator: g.comparator, target: g.target_value, unit: METRIC_SOURCE[metric].unit, baseline: g.baseline_value, dueDate: isoDate(g.due_date)!, ...pr };
      });
    const open = gs.filter((g) => g.status !== "met");
    const overall = gs.length > 0 && open.length === 0 ? "met" : open.some((g) => g.status === "off_track" || g.status === "missed") ? "off_track" : open.every((g) => g.status === "no_data") ? "no_data" : "on_track";
    return {
      id: plan.id,
      kind: plan.kind,
      title: plan.title,
      status: plan.status,
      startDate: start,
      overall,
      goals: gs,
      tasks: tasks.filter((t) => t.plan_id === plan.id).map((t) => ({ id: t.id, title: t.title, frequency: t.frequency, timesPerPeriod: t.times_per_period })),
      createdAt: plan.created_at,
    } satisfies TPlan;
  });
}

export async function setPlanStatus(ctx: PatientContext, input: { planId: string; status: "active" | "completed" | "cancelled" }): Promise<{ ok: true }> {
  const plan = await ctx.db.selectFrom("care_plans").select(["id", "patient_id"]).where("id", "=", input.planId).executeTakeFirst();
  if (!plan) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, plan.patient_id, "plan.setStatus");
    await trx.updateTable("care_plans").set({ status: input.status, updated_at: new Date() }).where("id", "=", plan.id).execute();
    await addTimelineEvent(trx, ctx, p.id, "plan.status", { planId: plan.id, status: input.status });
    await recordAudit(trx, ctx.actor, { action: "plan.set_status", resourceType: "care_plan", resourceId: plan.id, patientId: p.id, purpose: "care", details: { status: input.status } });
    return { ok: true as const };
  });
}
