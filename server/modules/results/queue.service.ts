import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import { recordAudit } from "@/server/audit/record";
import { blindIndex } from "@/server/crypto/blind-index";
import { sealField, sealFieldOrNull } from "@/server/crypto/field-crypto";
import { unseal } from "@/server/crypto/secret-box";
import { badInput, inPatientTransaction, isoDate, keyring, loadPatientInScope, patientKey, type PatientContext } from "@/server/modules/patient/patient-context";
import { maskIdNumber, maskName } from "@/server/modules/patient/rules/masking";
import { loadCatalogue } from "./catalogue.repository";
import { queueAad, type QueuedReportPayload } from "./import/import.service";
import { ObservationsRejected, writeObservations } from "./observation-writer";

/** Open to-match items, newest first. Identifiers are shown masked (enough to recognise, not to copy). */
export async function listQueue(ctx: PatientContext, input: { limit: number; cursor?: string | null }) {
  const ring = await keyring(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom("results_match_queue").selectAll().where("status", "=", "open").orderBy("id", "desc").limit(input.limit + 1);
    if (input.cursor) q = q.where("id", "<", input.cursor);
    const rows = await q.execute();
    const page = rows.slice(0, input.limit);
    const items = page.map((r) => {
      const p = JSON.parse(unseal([ring.queueKey], r.payload_sealed, queueAad(ctx.tenant.id, r.id))) as QueuedReportPayload;
      return {
        id: r.id,
        source: r.source,
        externalId: r.external_id,
        examDate: isoDate(r.exam_date)!,
        observationCount: r.observation_count,
        nameMasked: p.identifiers.name ? maskName(p.identifiers.name) : null,
        cardNo: p.identifiers.cardNo ? `****${p.identifiers.cardNo.slice(-4)}` : null,
        idNumberMasked: p.identifiers.idNumber ? maskIdNumber(p.identifiers.idNumber) : null,
        mrn: p.identifiers.mrn,
        createdAt: r.created_at,
      };
    });
    await recordAudit(trx, ctx.actor, { action: "results.queue_read", resourceType: "results_match_queue", details: { count: items.length } });
    return { items, nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
  });
}

/**
 * Assigns a queued report to a patient in the caller's scope: writes the report and its observations
 * (through the observation writer, so ranges and flags use this patient's sex and age), optionally
 * remembers the source's MRN for that patient, and closes the item. All in one transaction.
 */
export async function resolveQueueItem(ctx: PatientContext, input: { itemId: string; patientId: string; rememberMrn: boolean }) {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const item = await trx.selectFrom("results_match_queue").selectAll().where("id", "=", input.itemId).forUpdate().executeTakeFirst();
    if (!item) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    if (item.status !== "open") throw badInput("queueItemClosed");
    const patient = await loadPatientInScope(ctx, trx, input.patientId, "results.queue_resolve");
    const key = patientKey(ring, patient.id, patient.key_sealed);
    const payload = JSON.parse(unseal([ring.queueKey], item.payload_sealed, queueAad(ctx.tenant.id, item.id))) as QueuedReportPayload;
    const catalogue = await loadCatalogue(trx);
    const reportId = uuidv7();
    await trx
      .insertInto("exam_reports")
      .values({
        id: reportId,
        patient_id: patient.id,
        source: item.source,
        external_id: item.external_id,
        exam_date: isoDate(item.exam_date)!,
        department: payload.report.department,
        doctor: payload.report.doctor,
        conclusion_sealed: key ? sealFieldOrNull(key, payload.report.conclusion, { tenantId: ctx.tenant.id, table: "exam_reports", column: "conclusion", rowId: reportId }) : null,
        status: payload.report.status,
        batch_id: item.batch_id,
        original_file_sha256: null,
        created_by: ctx.actor.userId,
      })
      .execute();
    try {
      await writeObservations(trx, { tenantId: ctx.tenant.id, actor: ctx.actor }, {
        patient: { id: patient.id, sex: patient.sex, birthDate: isoDate(patient.birth_date), key },
        reportId,
        sourceKind: "import",
        sourceId: item.batch_id,
        drafts: payload.observations.map((o) => ({ indicator: catalogue.get(o.indicatorId)!, observedAt: new Date(o.observedAt), value: o.value, unit: o.unit, labRange: o.labRange, labFlag: o.labFlag, status: o.status, note: o.note })),
      });
    } catch (error) {
      // E.g. the value predates this patient's birth: the wrong patient was picked.
      if (error instanceof ObservationsRejected) throw badInput("observationsRejected");
      throw error;
    }
    if (input.rememberMrn && payload.identifiers.mrn && key) {
      const id = uuidv7();
      await trx
        .insertInto("patient_external_ids")
        .values({ id, patient_id: patient.id, source: item.source, mrn_bidx: blindIndex(ring.indexKey, "mrn", payload.identifiers.mrn), mrn_sealed: sealField(key, payload.identifiers.mrn, { tenantId: ctx.tenant.id, table: "patient_external_ids", column: "mrn", rowId: id }) })
        .onConflict((oc) => oc.columns(["source", "mrn_bidx"]).doNothing())
        .execute();
    }
    await trx.updateTable("results_match_queue").set({ status: "resolved", resolved_patient_id: patient.id, resolved_report_id: reportId, resolved_by: ctx.actor.userId, resolved_at: new Date() }).where("id", "=", item.id).execute();
    await recordAudit(trx, ctx.actor, { action: "results.queue_resolve", resourceType: "exam_report", resourceId: reportId, patientId: patient.id, details: { itemId: item.id, observations: payload.observations.length, rememberedMrn: input.rememberMrn && !!payload.identifiers.mrn } });
    return { reportId, patientId: patient.id };
  });
}

export async function discardQueueItem(ctx: PatientContext, input: { itemId: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const item = await trx.selectFrom("results_match_queue").select(["id", "status"]).where("id", "=", input.itemId).forUpdate().executeTakeFirst();
    if (!item) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    if (item.status !== "open") throw badInput("queueItemClosed");
    await trx.updateTable("results_match_queue").set({ status: "discarded", resolved_by: ctx.actor.userId, resolved_at: new Date() }).where("id", "=", item.id).execute();
    await recordAudit(trx, ctx.actor, { action: "results.queue_discard", resourceType: "results_match_queue", resourceId: item.id });
    return { ok: true as const };
  });
}
