import { createHash } from "node:crypto";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import type { TenantDb } from "@/db/tenant";
import type { ResultStatus } from "@/db/types/tenant";
import { recordAudit, recordAuditStandalone, type AuditActor } from "@/server/audit/record";
import { seal } from "@/server/crypto/secret-box";
import { sealFieldOrNull } from "@/server/crypto/field-crypto";
import { getTenantKeyring, type TenantKeyring } from "@/server/crypto/tenant-keys";
import { patientKey } from "@/server/modules/patient/patient-context";
import { afterObservationsWritten } from "../after-observations-written";
import { loadCatalogue } from "../catalogue.repository";
import { insertPreparedObservations, type PatientForWriting, type PreparedRow, type WrittenObservation } from "../observation-writer";
import type { Catalogue } from "../rules/catalogue";
import { prepareObservation, type Rejection } from "../rules/prepare-observation";
import { localDate } from "./dates";
import { FULL_ROW_REPORT_LIMIT, type ImportReport, type ImportRowReport } from "./import-report";
import { lookupKeys, PatientMatcher, type LookupKeys } from "./patient-matcher";
import { ImportFileError, type ImportFormat, type ParsedRecord } from "./types";

export interface ImportContext {
  db: TenantDb;
  database: DatabaseHandle;
  tenant: { id: string; slug: string };
  actor: AuditActor;
  timeZone: string;
}

export interface ImportOptions {
  format: ImportFormat;
  /** The sending system; with a report's external id it makes re-imports idempotent. */
  source: string;
  channel: "ui" | "api" | "cli";
  fileSha256: string;
  fileBytes: number;
  mappingId?: string | null;
  apiKeyId?: string | null;
}

/** The payload of a to-match queue item, sealed with the tenant's queue key. */
export interface QueuedReportPayload {
  identifiers: { cardNo: string | null; idNumber: string | null; mrn: string | null; name: string | null };
  report: { externalId: string; examAt: string; department: string | null; doctor: string | null; conclusion: string | null; status: ResultStatus };
  observations: { indicatorId: string; value: string; unit: string | null; labRange: string | { low: number | null; high: number | null } | null; labFlag: string | null; status: ResultStatus; note: string | null; observedAt: string }[];
  rowNos: number[];
}

export function queueAad(tenantId: string, itemId: string): string {
  return `carepath:match-queue|${tenantId}|${itemId}`;
}

class RollbackImport extends Error {}

const CHUNK = 2000;

interface ReportState {
  key: string;
  externalId: string;
  patientId: string | null;
  reportId: string | null;
  mode: "new" | "existing" | "queued" | "already-queued";
  indicators: Set<string>;
  queue?: QueuedReportPayload & { keys: LookupKeys; examDate: string };
}

/**
 * Imports one file, all or nothing, streamed in chunks of 2,000 rows:
 * rows are parsed, their patients matched (card number, ID number blind index, MRN of this source,
 * or our own patient id), each value normalised and checked; reports and observations are written
 * in bulk inside ONE transaction. A single rejected row rolls the whole file back (the remaining
 * rows are still checked so the report names every problem). Unmatched patients go to the to-match
 * queue (sealed), never dropped. A report whose (source, external id) exists already is left
 * unchanged. One audit event per file, with counts only.
 */
export async function runImport(ctx: ImportContext, records: AsyncIterable<ParsedRecord> | Iterable<ParsedRecord>, opts: ImportOptions): Promise<ImportReport> {
  const batchId = uuidv7();
  const ring = await getTenantKeyring(ctx.database.control, ctx.tenant.id);
  const run = new ImportRun(ctx, opts, batchId, ring);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await run.begin(trx);
      await run.consume(trx, records);
      if (run.failed) throw new RollbackImport();
      await run.finish(trx);
    });
  } catch (error) {
    if (error instanceof ImportFileError) run.fileError = { reason: error.reason, params: error.params };
    else if (!(error instanceof RollbackImport)) throw error;
    await run.recordRejection();
  }
  return run.report();
}

class ImportRun {
  failed = false;
  fileError: ImportReport["fileError"] = null;
  private rows: ImportRowReport[] = [];
  private truncated = false;
  private counts = { rows: 0, imported: 0, queued: 0, unchanged: 0, rejected: 0, reports: 0, observations: 0 };
  private catalogue!: Catalogue;
  private matcher!: PatientMatcher;
  private reports = new Map<string, ReportState>();
  private patients = new Map<string, PatientForWriting>();
  private queued: ReportState[] = [];

  constructor(
    private readonly ctx: ImportContext,
    private readonly opts: ImportOptions,
    readonly batchId: string,
    private readonly ring: TenantKeyring,
  ) {}

  private get writer() {
    return { tenantId: this.ctx.tenant.id, actor: this.ctx.actor };
  }

  async begin(trx: TenantDb): Promise<void> {
    this.catalogue = await loadCatalogue(trx);
    this.matcher = new PatientMatcher(trx, this.opts.source);
    await trx.insertInto("import_batches").values(this.batchRow("committed")).execute();
  }

  private batchRow(status: "committed" | "rejected") {
    return {
      id: this.batchId,
      source: this.opts.source,
      format: this.opts.format,
      channel: this.opts.channel,
      status,
      file_sha256: this.opts.fileSha256,
      file_bytes: this.opts.fileBytes,
      mapping_id: this.opts.mappingId ?? null,
      rows_total: this.counts.rows,
      rows_imported: this.counts.imported,
      rows_queued: this.counts.queued,
      rows_unchanged: this.counts.unchanged,
      rows_rejected: this.counts.rejected,
      reports_created: this.counts.reports,
      observations_created: this.counts.observations,
      actor_user_id: this.ctx.actor.userId,
      api_key_id: this.opts.apiKeyId ?? null,
    };
  }

  async consume(trx: TenantDb, records: AsyncIterable<ParsedRecord> | Iterable<ParsedRecord>): Promise<void> {
    let chunk: ParsedRecord[] = [];
    for await (const r of records) {
      chunk.push(r);
      if (chunk.length >= CHUNK) {
        await this.processChunk(trx, chunk);
        chunk = [];
      }
    }
    if (chunk.length) await this.processChunk(trx, chunk);
    if (this.counts.rows === 0) throw new ImportFileError("empty");
  }

  private addRow(row: ImportRowReport): void {
    this.counts.rows += 1;
    if (row.outcome === "rejected") {
      this.counts.rejected += 1;
      this.failed = true;
    } else this.counts[row.outcome] += 1;
    if (row.outcome !== "imported" || this.counts.rows <= FULL_ROW_REPORT_LIMIT) this.rows.push(row);
    else this.truncated = true;
  }

  private reject(rowNo: number, r: Rejection, observations = 0): void {
    this.addRow({ rowNo, outcome: "rejected", reason: r.reason, params: r.params ?? {}, patientId: null, matchedBy: null, observations });
  }

  private async processChunk(trx: TenantDb, chunk: ParsedRecord[]): Promise<void> {
    // 1. Identifiers → lookup keys; match patients in bulk.
    const keyed: { rec: ParsedRecord; keys: LookupKeys }[] = [];
    for (const rec of chunk) {
      if (rec.error) {
        this.reject(rec.rowNo, rec.error);
        continue;
      }
      const k = lookupKeys(this.ring, rec.patient);
      if (!k.ok) this.reject(rec.rowNo, k);
      else if (!rec.report.examAt) this.reject(rec.rowNo, { reason: "dateInvalid" });
      else keyed.push({ rec, keys: k.keys });
    }
    await this.matcher.prefetch(keyed.map((k) => k.keys));
    await this.loadPatients(trx, keyed.map((k) => this.matcher.match(k.keys)).flatMap((m) => (m && m !== "foreign" ? [m.patientId] : [])));
    await this.loadExistingReports(trx, keyed);

    // 2. Each row: report state, indicators, values.
    const newReports: ReportState[] = [];
    const prepared: PreparedRow[] = [];
    for (const { rec, keys } of keyed) {
      const match = this.matcher.match(keys);
      if (match === "foreign") {
        this.reject(rec.rowNo, { reason: "patientNotInTenant" });
        continue;
      }
      const state = this.reportState(rec, keys, match?.patientId ?? null);
      if (state.patientId !== (match?.patientId ?? null)) {
        this.reject(rec.rowNo, { reason: "reportPatientMismatch", params: { report: state.externalId.slice(0, 64) } });
        continue;
      }
      if (state.mode === "existing" || state.mode === "already-queued") {
        this.addRow({ rowNo: rec.rowNo, outcome: "unchanged", reason: state.mode === "existing" ? "reportExists" : "reportQueued", params: {}, patientId: state.patientId, matchedBy: match?.by ?? null, observations: 0 });
        continue;
      }
      const facts = match ? this.patients.get(match.patientId)! : { sex: "unknown" as const, birthDate: null };
      const rowPrepared: PreparedRow[] = [];
      let rejection: Rejection | null = null;
      const seen = new Set<string>();
      for (const o of rec.observations) {
        const indicator = this.catalogue.resolveCoding(o.codings);
        if (!indicator) {
          rejection = { reason: "indicatorUnknown", params: { code: (o.codings[0]?.code ?? o.codings[0]?.display ?? "").slice(0, 64) } };
          break;
        }
        const p = prepareObservation({ indicator, observedAt: o.observedAt ?? rec.report.examAt!, value: o.value, unit: o.unit, labRange: o.labRange, labFlag: o.labFlag, status: o.status ?? rec.report.status ?? "final", note: o.note ?? null }, facts);
        if (!p.ok) {
          rejection = { reason: p.reason, ...(p.params ? { params: p.params } : {}) };
          break;
        }
        if (state.indicators.has(indicator.id) || seen.has(indicator.id)) {
          rejection = { reason: "duplicateObservation", params: { code: indicator.code } };
          break;
        }
        seen.add(indicator.id);
        if (state.mode === "queued") {
          state.queue!.observations.push({ indicatorId: indicator.id, value: o.value, unit: o.unit, labRange: o.labRange, labFlag: o.labFlag, status: p.observation.status, note: p.observation.note, observedAt: p.observation.observedAt.toISOString() });
        } else {
          rowPrepared.push({ observation: p.observation, patient: this.patients.get(match!.patientId)!, reportId: state.reportId, sourceKind: "import", sourceId: this.batchId });
        }
      }
      if (rejection) {
        this.reject(rec.rowNo, rejection, rec.observations.length);
        continue;
      }
      for (const id of seen) state.indicators.add(id);
      if (state.mode === "queued") {
        state.queue!.rowNos.push(rec.rowNo);
        this.addRow({ rowNo: rec.rowNo, outcome: "queued", reason: "patientNotMatched", params: {}, patientId: null, matchedBy: null, observations: rec.observations.length });
        continue;
      }
      if (!state.reportId) {
        state.reportId = uuidv7();
        for (const p of rowPrepared) p.reportId = state.reportId;
        newReports.push(state);
        this.reportRows.set(state.reportId, rec);
      }
      prepared.push(...rowPrepared);
      this.addRow({ rowNo: rec.rowNo, outcome: "imported", reason: null, params: {}, patientId: match!.patientId, matchedBy: match!.by, observations: rowPrepared.length });
    }

    // 3. Write (only while the file is still clean: a rejection means everything rolls back anyway).
    if (this.failed) {
      this.reportRows.clear();
      return;
    }
    if (newReports.length) await this.insertReports(trx, newReports);
    const written = await insertPreparedObservations(trx, this.writer, prepared, this.codes);
    this.counts.reports += newReports.length;
    this.counts.observations += written.length;
    await this.afterWrite(trx, written);
  }

  private reportRows = new Map<string, ParsedRecord>();
  private get codes(): Map<string, string> {
    return new Map(this.catalogue.entries.map((e) => [e.id, e.code]));
  }

  private async afterWrite(trx: TenantDb, written: WrittenObservation[]): Promise<void> {
    await afterObservationsWritten(trx, this.writer, written);
  }

  private reportKeyFor(rec: ParsedRecord, keys: LookupKeys): string {
    if (rec.report.externalId) return rec.report.externalId.slice(0, 200);
    // No report id in the file: one report per patient and exam day, with a stable derived id.
    const day = localDate(rec.report.examAt!, this.ctx.timeZone);
    return `auto-${createHash("sha256").update(`${keys.identity}|${day}`).digest("hex").slice(0, 24)}`;
  }

  private reportState(rec: ParsedRecord, keys: LookupKeys, patientId: string | null): ReportState {
    const externalId = this.reportKeyFor(rec, keys);
    const found = this.reports.get(externalId);
    if (found) return found;
    const state: ReportState = { key: externalId, externalId, patientId, reportId: null, mode: patientId ? "new" : "queued", indicators: new Set() };
    const known = this.knownReports.get(externalId);
    if (known) {
      state.mode = known.kind;
      state.patientId = known.kind === "existing" ? known.patientId : patientId;
    }
    if (state.mode === "queued") {
      state.queue = {
        keys,
        examDate: localDate(rec.report.examAt!, this.ctx.timeZone),
        identifiers: { cardNo: rec.patient.cardNo ?? null, idNumber: rec.patient.idNumber ?? null, mrn: rec.patient.mrn ?? null, name: rec.patient.name ?? null },
        report: {
          externalId,
          examAt: rec.report.examAt!.toISOString(),
          department: rec.report.department ?? null,
          doctor: rec.report.doctor ?? null,
          conclusion: rec.report.conclusion ?? null,
          status: rec.report.status ?? "final",
        },
        observations: [],
        rowNos: [],
      };
      this.queued.push(state);
    }
    this.reports.set(externalId, state);
    return state;
  }

  private knownReports = new Map<string, { kind: "existing"; patientId: string } | { kind: "already-queued" }>();

  /** Which of this chunk's report ids exist already (as reports or queue items) for this source. */
  private async loadExistingReports(trx: TenantDb, keyed: { rec: ParsedRecord; keys: LookupKeys }[]): Promise<void> {
    const ids = [...new Set(keyed.map((k) => this.reportKeyFor(k.rec, k.keys)).filter((id) => !this.reports.has(id) && !this.knownReports.has(id)))];
    if (!ids.length) return;
    const [reports, queued] = await Promise.all([
      trx.selectFrom("exam_reports").select(["external_id", "patient_id"]).where("source", "=", this.opts.source).where("external_id", "in", ids).execute(),
      trx.selectFrom("results_match_queue").select(["external_id"]).where("source", "=", this.opts.source).where("external_id", "in", ids).execute(),
    ]);
    for (const r of reports) this.knownReports.set(r.external_id, { kind: "existing", patientId: r.patient_id });
    for (const q of queued) if (!this.knownReports.has(q.external_id)) this.knownReports.set(q.external_id, { kind: "already-queued" });
  }

  private async loadPatients(trx: TenantDb, ids: string[]): Promise<void> {
    const missing = [...new Set(ids.filter((id) => !this.patients.has(id)))];
    if (!missing.length) return;
    const rows = await trx.selectFrom("patients").select(["id", "sex", "birth_date", "key_sealed"]).where("id", "in", missing).execute();
    for (const r of rows) {
      this.patients.set(r.id, { id: r.id, sex: r.sex, birthDate: isoDay(r.birth_date), key: patientKey(this.ring, r.id, r.key_sealed) });
    }
  }

  private async insertReports(trx: TenantDb, states: ReportState[]): Promise<void> {
    const values = states.map((s) => {
      const rec = this.reportRows.get(s.reportId!)!;
      const key = this.patients.get(s.patientId!)!.key;
      return {
        id: s.reportId!,
        patient_id: s.patientId!,
        source: this.opts.source,
        external_id: s.externalId,
        exam_date: localDate(rec.report.examAt!, this.ctx.timeZone),
        department: rec.report.department?.slice(0, 200) ?? null,
        doctor: rec.report.doctor?.slice(0, 200) ?? null,
        conclusion_sealed: key ? sealFieldOrNull(key, rec.report.conclusion, { tenantId: this.ctx.tenant.id, table: "exam_reports", column: "conclusion", rowId: s.reportId! }) : null,
        status: rec.report.status ?? "final",
        batch_id: this.batchId,
        original_file_sha256: null,
        created_by: this.ctx.actor.userId,
      };
    });
    for (let i = 0; i < values.length; i += 1000) await trx.insertInto("exam_reports").values(values.slice(i, i + 1000)).execute();
    this.reportRows.clear();
  }

  async finish(trx: TenantDb): Promise<void> {
    if (this.queued.length) {
      const items = this.queued.map((s) => {
        const id = uuidv7();
        const { keys, examDate, ...payload } = s.queue!;
        return {
          id,
          batch_id: this.batchId,
          source: this.opts.source,
          external_id: s.externalId,
          exam_date: examDate,
          observation_count: payload.observations.length,
          card_no_bidx: keys.cardBidx,
          id_number_bidx: keys.idBidx,
          mrn_bidx: keys.mrnBidx,
          payload_sealed: seal(this.ring.queueKey, JSON.stringify(payload), queueAad(this.ctx.tenant.id, id)),
        };
      });
      for (let i = 0; i < items.length; i += 500) await trx.insertInto("results_match_queue").values(items.slice(i, i + 500)).execute();
    }
    await trx
      .updateTable("import_batches")
      .set({
        rows_total: this.counts.rows,
        rows_imported: this.counts.imported,
        rows_queued: this.counts.queued,
        rows_unchanged: this.counts.unchanged,
        rows_rejected: 0,
        reports_created: this.counts.reports,
        observations_created: this.counts.observations,
        file_sha256: this.opts.fileSha256,
        file_bytes: this.opts.fileBytes,
      })
      .where("id", "=", this.batchId)
      .execute();
    // The file's hash is known only once the stream is read to the end.
    if (this.counts.reports) await trx.updateTable("exam_reports").set({ original_file_sha256: this.opts.fileSha256 }).where("batch_id", "=", this.batchId).execute();
    await this.insertRowReports(trx, this.rows.filter((r) => r.outcome !== "imported"));
    await recordAudit(trx, this.ctx.actor, {
      action: "results.import",
      resourceType: "import_batch",
      resourceId: this.batchId,
      details: { format: this.opts.format, channel: this.opts.channel, ...this.counts, ...(this.opts.apiKeyId ? { apiKeyId: this.opts.apiKeyId } : {}) },
    });
  }

  private async insertRowReports(trx: TenantDb, rows: ImportRowReport[]): Promise<void> {
    const values = rows.map((r) => ({ batch_id: this.batchId, row_no: r.rowNo, outcome: r.outcome, reason: r.reason, params: JSON.stringify(r.params) }));
    for (let i = 0; i < values.length; i += 1000) {
      await trx.insertInto("import_batch_rows").values(values.slice(i, i + 1000)).onConflict((oc) => oc.doNothing()).execute();
    }
  }

  /** A refused file leaves a batch row with its reasons (and an audit event), nothing else. */
  async recordRejection(): Promise<void> {
    this.failed = true;
    await this.ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto("import_batches").values({ ...this.batchRow("rejected"), reports_created: 0, observations_created: 0, rows_imported: 0, rows_queued: 0 }).execute();
      await this.insertRowReports(trx, this.rows.filter((r) => r.outcome === "rejected").slice(0, 5000));
      await recordAudit(trx, this.ctx.actor, {
        action: "results.import",
        outcome: "failure",
        resourceType: "import_batch",
        resourceId: this.batchId,
        details: { format: this.opts.format, channel: this.opts.channel, rows: this.counts.rows, rejected: this.counts.rejected, ...(this.fileError ? { fileError: this.fileError.reason } : {}) },
      });
    });
  }

  report(): ImportReport {
    const committed = !this.failed && !this.fileError;
    return {
      batchId: this.batchId,
      status: committed ? "committed" : "rejected",
      fileError: this.fileError,
      counts: committed ? this.counts : { ...this.counts, reports: 0, observations: 0 },
      rows: this.fileError ? [] : this.rows,
      rowsTruncated: this.truncated,
    };
  }
}

function isoDay(value: Date | string | null): string | null {
  if (value === null) return null;
  if (typeof value === "string") return value.slice(0, 10);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${value.getFullYear()}-${p(value.getMonth() + 1)}-${p(value.getDate())}`;
}

// Audit for a refusal that happens before any transaction (e.g. the file is too large).
export async function auditRefusedUpload(ctx: ImportContext, format: ImportFormat, reason: string): Promise<void> {
  await recordAuditStandalone(ctx.db, ctx.actor, { action: "results.import", outcome: "failure", resourceType: "import_batch", details: { format, fileError: reason } });
}
