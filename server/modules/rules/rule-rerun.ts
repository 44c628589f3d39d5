import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { enqueueEvent } from "@/server/jobs/outbox";
import { factNames } from "@/server/shared/rules/condition";
import { evaluatePatients, loadEnabledRules, type RuleRunner } from "./rule-engine";

export const RERUN_BATCH_SIZE = 1000;

export interface BatchResult {
  done: boolean;
  processed: number;
  changed: number;
}

/**
 * One batch of a bulk re-run: the next `batchSize` patients after the run's cursor (keyset on the v7
 * id), evaluated and applied in one transaction together with the progress update, so a retried batch
 * never double-counts and a crash resumes from the last committed cursor.
 */
export async function processRerunBatch(db: TenantDb, runner: Omit<RuleRunner, "actor"> & { actorBase: Omit<RuleRunner["actor"], "userId"> }, runId: string, batchSize = RERUN_BATCH_SIZE): Promise<BatchResult> {
  return db.transaction().execute(async (trx) => {
    const run = await trx.selectFrom("rule_runs").selectAll().where("id", "=", runId).forUpdate().executeTakeFirst();
    if (!run || run.status === "done" || run.status === "failed") return { done: true, processed: run?.processed ?? 0, changed: run?.changed ?? 0 };
    if (run.status === "queued") {
      const total = await trx.selectFrom("patients").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
      await trx.updateTable("rule_runs").set({ status: "running", started_at: new Date(), total: Number(total.n) }).where("id", "=", runId).execute();
    }
    let q = trx.selectFrom("patients").select("id").orderBy("id").limit(batchSize);
    if (run.cursor) q = q.where("id", ">", run.cursor);
    const ids = (await q.execute()).map((r) => r.id);
    const actor = { ...runner.actorBase, userId: run.requested_by };
    const outcome = ids.length ? await evaluatePatients(trx, { tenantId: runner.tenantId, actor }, ids, { rules: await loadEnabledRules(trx), audit: "batch", runId }) : { changed: [] };
    const done = ids.length < batchSize;
    const processed = run.processed + ids.length;
    const changed = run.changed + outcome.changed.length;
    await trx
      .updateTable("rule_runs")
      .set({ processed, changed, cursor: ids.at(-1) ?? run.cursor, ...(done ? { status: "done" as const, finished_at: new Date() } : {}) })
      .where("id", "=", runId)
      .execute();
    return { done, processed, changed };
  });
}

/** Queues a bulk re-run in the caller's transaction (the outbox delivers it); an active run is reused. */
export async function requestRerunFor(trx: TenantDb, tenantId: string, requestedBy: string | null): Promise<string> {
  const active = await trx.selectFrom("rule_runs").select("id").where("status", "in", ["queued", "running"]).executeTakeFirst();
  if (active) return active.id;
  const id = uuidv7();
  await trx.insertInto("rule_runs").values({ id, status: "queued", requested_by: requestedBy }).execute();
  await enqueueEvent(trx, "rules/rerun.requested", { tenantId, runId: id });
  return id;
}

/** Facts that change with the calendar alone: a rule reading one needs a daily re-run to stay true. */
export function readsCalendarFacts(condition: unknown): boolean {
  return factNames(condition).some((n) => n === "age" || n === "daysSinceLastContact" || n.endsWith(".daysAgo"));
}
