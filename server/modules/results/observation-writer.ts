import { sql } from "kysely";
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

const INSERT_CHUNK = 5000;

/**
 * Bulk insert of already prepared rows: one `INSERT … SELECT * FROM unnest($1::uuid[], …)` per
 * 5,000 rows — 17 array parameters instead of 85,000 scalars, so parse and plan stay constant.
 * Importers use this directly for throughput and call `afterObservationsWritten` themselves.
 */
export async function insertPreparedObservations(trx: TenantDb, ctx: WriterContext, rows: readonly PreparedRow[], codes: ReadonlyMap<string, string>): Promise<WrittenObservation[]> {
  const written: WrittenObservation[] = [];
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const slice = rows.slice(start, start + INSERT_CHUNK);
    const col = {
      id: [] as string[], patient_id: [] as string[], report_id: [] as (string | null)[], indicator_id: [] as string[], observed_at: [] as string[],
      value_num: [] as (number | null)[], value_text: [] as (string | null)[], original_value: [] as string[], original_unit: [] as (string | null)[],
      ref_low: [] as (number | null)[], ref_high: [] as (number | null)[], ref_text: [] as (string | null)[], range_source: [] as (string | null)[],
      flag: [] as (string | null)[], status: [] as string[], note_sealed: [] as (string | null)[], source_kind: [] as string[], source_id: [] as (string | null)[],
    };
    for (const r of slice) {
      const o = r.observation;
      const id = uuidv7();
      written.push({ id, patientId: r.patient.id, reportId: r.reportId, indicatorId: o.indicatorId, indicatorCode: codes.get(o.indicatorId) ?? "", observedAt: o.observedAt, valueNum: o.valueNum, valueText: o.valueText, flag: o.flag, sourceKind: r.sourceKind, sourceId: r.sourceId });
      col.id.push(id);
      col.patient_id.push(r.patient.id);
      col.report_id.push(r.reportId);
      col.indicator_id.push(o.indicatorId);
      col.observed_at.push(o.observedAt.toISOString());
      col.value_num.push(o.valueNum);
      col.value_text.push(o.valueText);
      col.original_value.push(o.originalValue);
      col.original_unit.push(o.originalUnit);
      col.ref_low.push(o.refLow);
      col.ref_high.push(o.refHigh);
      col.ref_text.push(o.refText);
      col.range_source.push(o.rangeSource);
      col.flag.push(o.flag);
      col.status.push(o.status);
      col.note_sealed.push(o.note && r.patient.key ? sealField(r.patient.key, o.note, { tenantId: ctx.tenantId, table: "observations", column: "note", rowId: id }) : null);
      col.source_kind.push(r.sourceKind);
      col.source_id.push(r.sourceId);
    }
    await trx
      .insertInto("observations")
      .columns(["id", "patient_id", "report_id", "indicator_id", "observed_at", "value_num", "value_text", "original_value", "original_unit", "ref_low", "ref_high", "ref_text", "range_source", "flag", "status", "note_sealed", "source_kind", "source_id", "created_by"])
      .expression(
        sql`select i, p, rp, ind, oa, vn, vt, ov, ou, rl, rh, rt, rs, f, st, ns, sk, si, ${ctx.actor.userId}::uuid from unnest(${col.id}::uuid[], ${col.patient_id}::uuid[], ${col.report_id}::uuid[], ${col.indicator_id}::uuid[], ${col.observed_at}::timestamptz[], ${col.value_num}::float8[], ${col.value_text}::text[], ${col.original_value}::text[], ${col.original_unit}::text[], ${col.ref_low}::float8[], ${col.ref_high}::float8[], ${col.ref_text}::text[], ${col.range_source}::text[], ${col.flag}::text[], ${col.status}::text[], ${col.note_sealed}::text[], ${col.source_kind}::text[], ${col.source_id}::uuid[]) as u(i, p, rp, ind, oa, vn, vt, ov, ou, rl, rh, rt, rs, f, st, ns, sk, si)`,
      )
      .execute();
  }
  return written;
}
