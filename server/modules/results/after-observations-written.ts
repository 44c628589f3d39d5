import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { enqueueEvent } from "@/server/jobs/outbox";
import { openAbnormalItemsFor } from "@/server/modules/abnormal/abnormal-after-write";
import { evaluateAfterChange } from "@/server/modules/rules/evaluate-after-change";
import type { WriterContext, WrittenObservation } from "./observation-writer";

/**
 * The single place where work that follows new observations hooks in, inside the same transaction
 * as the observations themselves (so it commits or rolls back with them). Add calls here — e.g.
 * abnormal-result items, rule evaluation — in this order: derived records first, then events.
 *
 * Today: 重要异常结果 items (server/modules/abnormal), then one timeline entry per patient and source
 * (counts and abnormal count only, no values), then rule evaluation (server/modules/rules), then events.
 */
export async function afterObservationsWritten(trx: TenantDb, ctx: WriterContext, written: readonly WrittenObservation[]): Promise<void> {
  if (written.length === 0) return;
  await openAbnormalItemsFor(trx, ctx, written);
  await addResultsTimelineEvents(trx, ctx, written);
  await evaluateAfterChange(trx, ctx, [...new Set(written.map((w) => w.patientId))]);
  await requestRiskReassessment(trx, ctx, written);
}

/** Risk models read observations: their patients are re-assessed in the background (ids only in the event). */
async function requestRiskReassessment(trx: TenantDb, ctx: WriterContext, written: readonly WrittenObservation[]): Promise<void> {
  const patientIds = [...new Set(written.map((w) => w.patientId))];
  for (let i = 0; i < patientIds.length; i += 2000) await enqueueEvent(trx, "risk/assessment.requested", { tenantId: ctx.tenantId, patientIds: patientIds.slice(i, i + 2000) });
}

async function addResultsTimelineEvents(trx: TenantDb, ctx: WriterContext, written: readonly WrittenObservation[]): Promise<void> {
  const perPatient = new Map<string, { count: number; abnormal: number; sourceKind: string; sourceId: string | null; reportIds: Set<string> }>();
  for (const w of written) {
    let e = perPatient.get(w.patientId);
    if (!e) perPatient.set(w.patientId, (e = { count: 0, abnormal: 0, sourceKind: w.sourceKind, sourceId: w.sourceId, reportIds: new Set() }));
    e.count += 1;
    if (w.flag) e.abnormal += 1;
    if (w.reportId) e.reportIds.add(w.reportId);
  }
  const rows = [...perPatient].map(([patientId, e]) => ({
    id: uuidv7(),
    patient_id: patientId,
    kind: "results.added",
    actor_user_id: ctx.actor.userId,
    details: JSON.stringify({ count: e.count, abnormal: e.abnormal, sourceKind: e.sourceKind, sourceId: e.sourceId, reportIds: [...e.reportIds].slice(0, 20) }),
  }));
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto("patient_events").values(rows.slice(i, i + 1000)).execute();
}
