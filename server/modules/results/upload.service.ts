import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import { recordAudit } from "@/server/audit/record";
import { badInput, type PatientContext } from "@/server/modules/patient/patient-context";
import { loadCatalogue } from "./catalogue.repository";
import { csvRows } from "./import/csv-rows";
import { importFile } from "./import/import-file";
import type { ImportReport } from "./import/import-report";
import { suggestMapping, ZColumnMapping, type TColumnMapping } from "./import/mapping";
import { ImportFileError, type ImportFormat } from "./import/types";
import { xlsxRows } from "./import/xlsx-rows";
import { importContextFrom } from "./results-context";

/** Browser uploads travel as base64 inside the tRPC request; larger files go through the API (streamed). */
export const UI_UPLOAD_MAX_BYTES = 8 * 1024 * 1024;

type Ctx = PatientContext & { tenant: { id: string; slug: string; timeZone?: string } };

function decode(fileBase64: string): Buffer {
  const buf = Buffer.from(fileBase64, "base64");
  if (buf.length > UI_UPLOAD_MAX_BYTES) throw badInput("uploadTooLarge");
  return buf;
}

async function* once(buf: Buffer): AsyncGenerator<Buffer> {
  yield buf;
}

/** Header, first rows and a suggested mapping of a CSV/XLSX file (nothing is stored). */
export async function previewUpload(ctx: Ctx, input: { format: "csv" | "xlsx"; fileBase64: string }) {
  const buf = decode(input.fileBase64);
  const rows: (string | null)[][] = [];
  try {
    const source = input.format === "csv" ? csvRows(once(buf)) : xlsxRows(once(buf));
    for await (const r of source) {
      rows.push(r.cells.map((c) => (c === null ? null : c instanceof Date ? c.toISOString().slice(0, 10) : String(c))));
      if (rows.length > 10) break;
    }
  } catch (error) {
    if (error instanceof ImportFileError) return { fileError: { reason: error.reason, params: error.params }, headers: [], rows: [], suggested: null };
    throw error;
  }
  const headers = (rows[0] ?? []).map((h) => (h ?? "").trim());
  const catalogue = await loadCatalogue(ctx.db);
  return { fileError: null, headers, rows: rows.slice(1), suggested: suggestMapping(headers, catalogue) };
}

export async function runUpload(ctx: Ctx, input: { format: ImportFormat; fileBase64: string; source: string; mapping?: TColumnMapping | null; mappingId?: string | null; saveMappingAs?: string | null }): Promise<ImportReport> {
  const buf = decode(input.fileBase64);
  let mapping = input.mapping ?? null;
  let mappingId = input.mappingId ?? null;
  if (!mapping && mappingId) {
    const saved = await ctx.db.selectFrom("import_mappings").select(["mapping", "layout"]).where("id", "=", mappingId).executeTakeFirst();
    if (!saved) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    mapping = ZColumnMapping.parse(saved.mapping);
  }
  if (mapping && input.saveMappingAs) mappingId = await saveMapping(ctx, input.saveMappingAs, mapping);
  return importFile(importContextFrom(ctx), { format: input.format, body: once(buf), source: input.source, mapping, mappingId, channel: "ui", maxBytes: UI_UPLOAD_MAX_BYTES });
}

async function saveMapping(ctx: Ctx, name: string, mapping: TColumnMapping): Promise<string> {
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("import_mappings").select("id").where("name", "=", name).executeTakeFirst();
    const id = existing?.id ?? uuidv7();
    if (existing) await trx.updateTable("import_mappings").set({ mapping: JSON.stringify(mapping), layout: mapping.layout, updated_at: new Date() }).where("id", "=", id).execute();
    else await trx.insertInto("import_mappings").values({ id, name, layout: mapping.layout, mapping: JSON.stringify(mapping), created_by: ctx.actor.userId }).execute();
    await recordAudit(trx, ctx.actor, { action: existing ? "results.mapping_update" : "results.mapping_create", resourceType: "import_mapping", resourceId: id });
    return id;
  });
}

export async function listMappings(ctx: Ctx) {
  const rows = await ctx.db.selectFrom("import_mappings").select(["id", "name", "layout", "mapping", "updated_at"]).orderBy("name").execute();
  return rows.map((r) => ({ id: r.id, name: r.name, layout: r.layout, mapping: ZColumnMapping.parse(r.mapping), updatedAt: r.updated_at }));
}

export async function listBatches(ctx: Ctx, input: { limit: number; cursor?: string | null }) {
  let q = ctx.db.selectFrom("import_batches").selectAll().orderBy("id", "desc").limit(input.limit + 1);
  if (input.cursor) q = q.where("id", "<", input.cursor);
  const rows = await q.execute();
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((b) => ({
      id: b.id,
      source: b.source,
      format: b.format,
      channel: b.channel,
      status: b.status,
      counts: { rows: b.rows_total, imported: b.rows_imported, queued: b.rows_queued, unchanged: b.rows_unchanged, rejected: b.rows_rejected, reports: b.reports_created, observations: b.observations_created },
      createdAt: b.created_at,
    })),
    nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
  };
}

/** A past batch with the rows worth a look (rejected, queued, unchanged). */
export async function batchDetail(ctx: Ctx, input: { batchId: string }) {
  const b = await ctx.db.selectFrom("import_batches").selectAll().where("id", "=", input.batchId).executeTakeFirst();
  if (!b) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  const rows = await ctx.db.selectFrom("import_batch_rows").selectAll().where("batch_id", "=", b.id).orderBy("row_no").limit(2000).execute();
  return {
    id: b.id,
    source: b.source,
    format: b.format,
    status: b.status,
    createdAt: b.created_at,
    counts: { rows: b.rows_total, imported: b.rows_imported, queued: b.rows_queued, unchanged: b.rows_unchanged, rejected: b.rows_rejected, reports: b.reports_created, observations: b.observations_created },
    rows: rows.map((r) => ({ rowNo: r.row_no, outcome: r.outcome, reason: r.reason, params: r.params })),
  };
}
