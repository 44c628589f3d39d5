import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import { recordAudit } from "@/server/audit/record";
import { enqueueEvent } from "@/server/jobs/outbox";
import { inPatientTransaction, loadPatientInScope, type PatientContext } from "@/server/modules/patient/patient-context";
import type { ReportLocale } from "./report-data.service";

export const MAX_BATCH = 200;

/** Queues one report per patient (all in the caller's scope) and the background job that renders them. */
export async function requestReportBatch(ctx: PatientContext, input: { patientIds: string[]; locale: ReportLocale }) {
  const ids = [...new Set(input.patientIds)];
  if (ids.length > MAX_BATCH) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.reportTooManyPatients" });
  return inPatientTransaction(ctx, async (trx) => {
    const batchId = uuidv7();
    for (const id of ids) await loadPatientInScope(ctx, trx, id, "report.batch");
    await trx.insertInto("health_reports").values(ids.map((patientId) => ({ id: uuidv7(), patient_id: patientId, batch_id: batchId, status: "queued" as const, locale: input.locale, requested_by: ctx.actor.userId }))).execute();
    await enqueueEvent(trx, "report/batch.requested", { tenantId: ctx.tenant.id, batchId });
    await recordAudit(trx, ctx.actor, { action: "report.batch_request", resourceType: "health_report_batch", resourceId: batchId, purpose: "care", details: { patients: ids.length, locale: input.locale } });
    return { batchId, queued: ids.length };
  });
}

export async function batchStatus(ctx: PatientContext, batchId: string) {
  const rows = await ctx.db.selectFrom("health_reports").select(["status"]).where("batch_id", "=", batchId).execute();
  if (rows.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  return { total: rows.length, done: count("done"), failed: count("failed"), queued: count("queued") };
}
