import { createHash } from "node:crypto";
import { loadCatalogue } from "../catalogue.repository";
import type { Catalogue } from "../rules/catalogue";
import { csvRows } from "./csv-rows";
import { parseFhirBundle } from "./fhir-parser";
import { parseHl7 } from "./hl7-parser";
import type { ImportReport } from "./import-report";
import { runImport, type ImportContext } from "./import.service";
import { suggestMapping, ZColumnMapping, type TColumnMapping } from "./mapping";
import { tableRecords } from "./table-records";
import { ImportFileError, type ImportFormat, type ParsedRecord } from "./types";
import { xlsxRows } from "./xlsx-rows";

/** Largest accepted file per format (bytes). Tables are streamed; HL7 and FHIR are read whole. */
export const IMPORT_LIMITS: Record<ImportFormat, number> = {
  csv: 512 * 1024 * 1024,
  xlsx: 64 * 1024 * 1024,
  hl7v2: 16 * 1024 * 1024,
  fhir: 32 * 1024 * 1024,
};

export const CONTENT_TYPES: Record<string, ImportFormat> = {
  "text/csv": "csv",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/hl7-v2": "hl7v2",
  "x-application/hl7-v2+er7": "hl7v2",
  "application/fhir+json": "fhir",
};

export interface ImportFileRequest {
  format: ImportFormat;
  body: AsyncIterable<Buffer>;
  source: string | null;
  mapping?: TColumnMapping | null;
  mappingId?: string | null;
  channel: "ui" | "api" | "cli";
  apiKeyId?: string | null;
  /** Overrides the per-format limit (e.g. smaller for browser uploads). */
  maxBytes?: number;
}

/** Counts and hashes the bytes as they pass; over the limit → a file-level refusal (and rollback). */
class Metered {
  bytes = 0;
  private readonly hash = createHash("sha256");
  constructor(
    private readonly limit: number,
    private readonly format: ImportFormat,
  ) {}

  async *pass(body: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const raw of body) {
      const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as Uint8Array);
      this.bytes += chunk.length;
      if (this.bytes > this.limit) throw new ImportFileError("tooLarge", { maxMb: Math.floor(this.limit / 1024 / 1024), format: this.format });
      this.hash.update(chunk);
      yield chunk;
    }
  }

  async whole(body: AsyncIterable<Buffer>): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const c of this.pass(body)) parts.push(c);
    return Buffer.concat(parts);
  }

  digest(): string {
    return this.hash.copy().digest("hex");
  }
}

/**
 * Parses and imports one file: the single entry point for the UI, the API and the CLI.
 * For CSV/XLSX without a mapping, the mapping is guessed from the header row (and must be complete).
 */
export async function importFile(ctx: ImportContext, req: ImportFileRequest): Promise<ImportReport> {
  const meter = new Metered(req.maxBytes ?? IMPORT_LIMITS[req.format], req.format);
  let source = req.source?.trim() || null;
  let records: AsyncIterable<ParsedRecord> | Iterable<ParsedRecord>;
  // HL7 and FHIR are read whole (size-limited) so the sending system can name the source.
  if (req.format === "hl7v2" || req.format === "fhir") {
    let parsed: ParsedRecord[] | ImportFileError;
    try {
      const buf = await meter.whole(req.body);
      parsed = req.format === "hl7v2" ? parseHl7(buf, ctx.timeZone) : parseFhirBundle(buf, ctx.timeZone);
      source ??= req.format === "hl7v2" ? hl7Source(buf) : "fhir";
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      parsed = error;
    }
    records = failing(parsed);
  } else {
    const rows = req.format === "csv" ? csvRows(meter.pass(req.body)) : xlsxRows(meter.pass(req.body));
    // Loaded before the import transaction opens (PGlite has one connection; the guess must not wait on it).
    const catalogue = req.mapping ? null : await loadCatalogue(ctx.db);
    records = mappedRecords(ctx, rows, req.mapping ?? null, catalogue);
  }
  return runImport(ctx, records, {
    format: req.format,
    source: (source ?? `${req.channel}-${req.format}`).slice(0, 120),
    channel: req.channel,
    get fileSha256() {
      return meter.digest();
    },
    get fileBytes() {
      return meter.bytes;
    },
    mappingId: req.mappingId ?? null,
    apiKeyId: req.apiKeyId ?? null,
  });
}

function* failing(parsed: ParsedRecord[] | ImportFileError): Generator<ParsedRecord> {
  if (parsed instanceof ImportFileError) throw parsed;
  yield* parsed;
}

async function* mappedRecords(ctx: ImportContext, rows: AsyncGenerator<{ rowNo: number; cells: (string | Date | null)[] }>, given: TColumnMapping | null, catalogue: Catalogue | null): AsyncGenerator<ParsedRecord> {
  const first = await rows.next();
  if (first.done) throw new ImportFileError("empty");
  let mapping = given;
  if (!mapping) {
    const headers = first.value.cells.map((c) => String(c ?? "").trim());
    const guess = ZColumnMapping.safeParse(suggestMapping(headers, catalogue!));
    if (!guess.success) throw new ImportFileError("mappingRequired");
    mapping = guess.data;
  }
  async function* all() {
    yield first.value!;
    yield* rows;
  }
  yield* tableRecords(all(), mapping, ctx.timeZone);
}

/** MSH-3 (sending application) ^ MSH-4 (sending facility), read from the header line. */
function hl7Source(buf: Buffer): string | null {
  const line = buf.subarray(0, 1024).toString("latin1").split(/\r|\n/)[0] ?? "";
  const sep = line[3] ?? "|";
  const f = line.split(sep);
  const comp = (s: string | undefined) => (s ?? "").split(line[4] ?? "^")[0]!.trim();
  const app = comp(f[2]);
  const facility = comp(f[3]);
  return app || facility ? `hl7:${[app, facility].filter(Boolean).join("@")}` : null;
}
