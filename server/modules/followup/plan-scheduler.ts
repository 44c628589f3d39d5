import { sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { addDays, afterTaskCreated, taskUniqueKey, UPCOMING_HORIZON_DAYS } from "./rules/plan-schedule";
import { ZTemplateStep, type TemplateStep } from "./rules/template-steps";

/** Steps of a template version; versions are immutable, so the parsed steps are cached per process. */
const stepsCache = new Map<string, TemplateStep[]>();

export async function versionSteps(db: TenantDb, versionIds: string[]): Promise<Map<string, TemplateStep[]>> {
  const missing = [...new Set(versionIds)].filter((id) => !stepsCache.has(id));
  if (missing.length > 0) {
    const rows = await db.selectFrom("followup_template_versions").select(["id", "steps"]).where("id", "in", missing).execute();
    for (const r of rows) stepsCache.set(r.id, ZTemplateStep.array().parse(r.steps));
  }
  return new Map(versionIds.map((id) => [id, stepsCache.get(id) ?? []]));
}

interface DuePlan {
  id: string;
  patient_id: string;
  anchor_at: Date;
  next_due_at: Date | null;
  next_step_index: number;
  next_kind: string;
  next_seq: number;
  template_version_id: string;
  guideline: string | null;
  manager_user_id: string | null;
  patient_status: string;
}

function duePlansQuery(trx: TenantDb) {
  return trx
    .selectFrom("followup_plans as p")
    .innerJoin("followup_template_versions as v", "v.id", "p.template_version_id")
    .innerJoin("patients as pt", "pt.id", "p.patient_id")
    .select(["p.id", "p.patient_id", "p.anchor_at", "p.next_due_at", "p.next_step_index", "p.next_kind", "p.next_seq", "p.template_version_id", "v.guideline", "pt.manager_user_id", "pt.status as patient_status"])
    .where("p.status", "=", "active");
}

/**
 * Creates the tasks of `plans` (all due within the horizon) and moves each plan to its next date.
 * Idempotent: task rows carry `plan:<id>:<seq>` under a unique index, so a retried or concurrent
 * run inserts nothing twice. Plans of archived patients are stopped instead.
 */
async function materialise(trx: TenantDb, plans: DuePlan[], now: Date): Promise<number> {
  if (plans.length === 0) return 0;
  const stepsByVersion = await versionSteps(trx, plans.map((p) => p.template_version_id));
  const stopped = plans.filter((p) => p.patient_status !== "active").map((p) => p.id);
  const live = plans.filter((p) => p.patient_status === "active");
  if (stopped.length > 0) await trx.updateTable("followup_plans").set({ status: "stopped", ended_at: now, next_due_at: null, updated_at: now }).where("id", "in", stopped).execute();
  if (live.length === 0) return 0;

  const tasks = live.map((p) => {
    const step = stepsByVersion.get(p.template_version_id)?.[p.next_step_index];
    return {
      id: uuidv7(),
      assignee_user_id: p.manager_user_id,
      patient_id: p.patient_id,
      kind: p.next_kind,
      due_at: p.next_due_at,
      plan_id: p.id,
      step_index: p.next_step_index,
      channel: step?.channel ?? "phone",
      unique_key: taskUniqueKey(p.id, p.next_seq),
    };
  });
  const inserted = await trx.insertInto("worklist_tasks").values(tasks).onConflict((oc) => oc.column("unique_key").doNothing()).returning("id").execute();

  const ids: string[] = [];
  const dues: (string | null)[] = [];
  const indexes: number[] = [];
  const seqs: number[] = [];
  const kinds: string[] = [];
  for (const p of live) {
    const steps = stepsByVersion.get(p.template_version_id) ?? [];
    const next = afterTaskCreated({ anchorAt: p.anchor_at, guideline: p.guideline }, steps, { stepIndex: p.next_step_index, dueAt: p.next_due_at ?? now });
    ids.push(p.id);
    dues.push(next ? next.dueAt.toISOString() : null);
    indexes.push(next ? next.stepIndex : p.next_step_index);
    seqs.push(p.next_seq + 1);
    kinds.push(next ? "followup_step" : p.next_kind);
  }
  // One statement for the whole batch: unnest the parallel arrays into a derived table.
  await trx
    .updateTable("followup_plans as p")
    .from(
      sql<{ id: string; due: Date | null; idx: number; seq: number; kind: string }>`(select unnest(${ids}::uuid[]) as id, unnest(${dues}::timestamptz[]) as due, unnest(${indexes}::int[]) as idx, unnest(${seqs}::int[]) as seq, unnest(${kinds}::text[]) as kind)`.as("n"),
    )
    .set((eb) => ({ next_due_at: eb.ref("n.due"), next_step_index: eb.ref("n.idx"), next_seq: eb.ref("n.seq"), next_kind: eb.ref("n.kind"), updated_at: now }))
    .whereRef("p.id", "=", "n.id")
    .execute();
  return inserted.length;
}

/** Plans of this tenant whose next task falls within the horizon, oldest first, locked for this run. */
function lockDue(trx: TenantDb, now: Date, limit: number) {
  return duePlansQuery(trx)
    .where("p.next_due_at", "<=", addDays(now, UPCOMING_HORIZON_DAYS))
    .orderBy("p.next_due_at")
    .limit(limit)
    .forUpdate("p")
    .skipLocked()
    .execute() as Promise<DuePlan[]>;
}

export interface TickResult {
  tasksCreated: number;
  plansAdvanced: number;
}

/**
 * The scheduler tick for one tenant: turns every plan occurrence due within the horizon into a
 * worklist task. Works in batches, each its own transaction, until nothing is due (a plan whose next
 * occurrence is still within the horizon is picked up again by the next batch).
 */
export async function runSchedulerTick(db: TenantDb, now: Date, options: { batchSize?: number; maxBatches?: number } = {}): Promise<TickResult> {
  const batchSize = options.batchSize ?? 2000;
  const maxBatches = options.maxBatches ?? 100;
  const result: TickResult = { tasksCreated: 0, plansAdvanced: 0 };
  for (let i = 0; i < maxBatches; i++) {
    const done = await db.transaction().execute(async (trx) => {
      const due = await lockDue(trx, now, batchSize);
      result.tasksCreated += await materialise(trx, due, now);
      result.plansAdvanced += due.length;
      return due.length < batchSize;
    });
    if (done) break;
  }
  return result;
}

/**
 * Inside a caller's transaction: create the next task of one plan now — if it is due within the
 * horizon, or whenever it is due with `anyDate` (after a recorded visit the manager sees the next
 * task at once, however far ahead).
 */
export async function materialisePlanIfDue(trx: TenantDb, planId: string, now: Date, options: { anyDate?: boolean } = {}): Promise<void> {
  let q = duePlansQuery(trx).where("p.id", "=", planId).where("p.next_due_at", "is not", null);
  if (!options.anyDate) q = q.where("p.next_due_at", "<=", addDays(now, UPCOMING_HORIZON_DAYS));
  const rows = (await q.forUpdate("p").execute()) as DuePlan[];
  await materialise(trx, rows, now);
}
