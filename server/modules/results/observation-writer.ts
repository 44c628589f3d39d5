import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import type { ObservationFlag, ObservationSourceKind } from "@/db/types/tenant";
import type { AuditActor } from "@/server/audit/record";
import { sealField } from "@/server/crypto/field-crypto";
import type { SealingKey } from "@/server/crypto/secret-box";
import { afterObservationsWritten } from "./after-observations-written";
import { prepareObservation, type ObservationDraft, type PatientFacts, type PreparedObservation, type Rejection } from "./rules/prepare-observation";

/**
 * THE way to store observations (imports, manual entry, form extraction):
 *
 *   const catalogue = await loadCatalogue(trx);
 *   const written = await writeObservations(trx, { tenantId, actor }, {
 *     patient: { id, sex, birthDate, key },          // key: the patient's SealingKey (for notes), or null
 *     reportId: null, sourceKind: "manual", sourceId: null,
 *     drafts: [{ indicator: catalogue.find("SBP")!, observedAt, value: "150", unit: "mmHg" }],
 *   });
 *
 * Runs inside the caller's transaction; the caller writes its own audit event. Each draft is
 * normalised to the catalogue unit, checked for plausibility, given its range (lab's own, else the
 * default for the patient's sex/age) and flag. If any draft is refused, nothing is written and
 * `ObservationsRejected` carries the reason of each refused draft (by index).
 * After the rows are inserted, `afterObservationsWritten` runs in the same transaction — the one
 * place where follow-on work (abnormal-result items, rule evaluation, timeline) hooks in.
 */
export interface WriterContext {
  tenantId: string;
  actor: AuditActor;
}

export interface PatientForWriting extends PatientFacts {
  id: string;
  /** The patient's own key (seals NTE notes); null when the patient was crypto-shredded. */
  key: SealingKey | null;
}

export interface WriteRequest {
  patient: PatientForWriting;
  reportId: string | null;
  sourceKind: ObservationSourceKind;
  /** Import batch, form response … that produced the values. */
  sourceId: string | null;
  drafts: ObservationDraft[];
}

/** What hooks and callers get back: ids and facts, no free text. */
export interface WrittenObservation {
  id: string;
  patientId: string;
  reportId: string | null;
  indicatorId: string;
  indicatorCode: string;
  observedAt: Date;
  valueNum: number | null;
  valueText: string | null;
  flag: ObservationFlag | null;
  sourceKind: ObservationSourceKind;
  sourceId: string | null;
}

export class ObservationsRejected extends Error {
  constructor(readonly rejections: (Rejection & { index: number })[]) {
    super("errors.observationsRejected");
  }
}

export async function writeObservations(trx: TenantDb, ctx: WriterContext, request: WriteRequest): Promise<WrittenObservation[]> {
  const prepared: PreparedObservation[] = [];
  const rejections: (Rejection & { index: number })[] = [];
  request.drafts.forEach((d, index) => {
    const p = prepareObservation(d, request.patient);
    if (p.ok) prepared.push(p.observation);
    else rejections.push({ index, reason: p.reason, ...(p.params ? { params: p.params } : {}) });
  });
  if (rejections.length) throw new ObservationsRejected(rejections);
  const codes = new Map(request.drafts.map((d) => [d.indicator.id, d.indicator.code]));
  const written = await insertPreparedObservations(
    trx,
    ctx,
    prepared.map((observation) => ({ observation, patient: request.patient, reportId: request.reportId, sourceKind: request.sourceKind, sourceId: request.sourceId })),
    codes,
  );
  await afterObservationsWritten(trx, ctx, written);
  return written;
}

export interface PreparedRow {
  observation: PreparedObservation;
  patient: { id: string; key: SealingKey | null };
  reportId: string | null;
  sourceKind: ObservationSourceKind;
  sourceId: string | null;
}

const INSERT_CHUNK = 1000;

/**
 * Bulk insert of already prepared rows (multi-row INSERT, 1,000 rows per statement). Importers
 * use this directly for throughput and call `afterObservationsWritten` themselves once per file.
 */
export async function insertPreparedObservations(trx: TenantDb, ctx: WriterContext, rows: readonly PreparedRow[], codes: ReadonlyMap<string, string>): Promise<WrittenObservation[]> {
  const written: WrittenObservation[] = [];
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const values = rows.slice(start, start + INSERT_CHUNK).map((r) => {
      const o = r.observation;
      const id = uuidv7();
      written.push({
        id,
        patientId: r.patient.id,
        reportId: r.reportId,
        indicatorId: o.indicatorId,
        indicatorCode: codes.get(o.indicatorId) ?? "",
        observedAt: o.observedAt,
        valueNum: o.valueNum,
        valueText: o.valueText,
        flag: o.flag,
        sourceKind: r.sourceKind,
        sourceId: r.sourceId,
      });
      return {
        id,
        patient_id: r.patient.id,
        report_id: r.reportId,
        indicator_id: o.indicatorId,
        observed_at: o.observedAt,
        value_num: o.valueNum,
        value_text: o.valueText,
        original_value: o.originalValue,
        original_unit: o.originalUnit,
        ref_low: o.refLow,
        ref_high: o.refHigh,
        ref_text: o.refText,
        range_source: o.rangeSource,
        flag: o.flag,
        status: o.status,
        note_sealed: o.note && r.patient.key ? sealField(r.patient.key, o.note, { tenantId: ctx.tenantId, table: "observations", column: "note", rowId: id }) : null,
        source_kind: r.sourceKind,
        source_id: r.sourceId,
        created_by: ctx.actor.userId,
      };
    });
    await trx.insertInto("observations").values(values).execute();
  }
  return written;
}
