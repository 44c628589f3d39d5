import type { TColumnMapping } from "./mapping";
import { parseResultDate } from "./dates";
import { ImportFileError, type ParsedRecord } from "./types";

/**
 * Turns table rows (CSV or XLSX, header first) into parsed records according to a column mapping.
 * Row numbers are the spreadsheet's line numbers (the header is row 1).
 */
export async function* tableRecords(rows: AsyncIterable<{ rowNo: number; cells: (string | Date | null)[] }>, mapping: TColumnMapping, timeZone: string): AsyncGenerator<ParsedRecord> {
  let index: Map<string, number> | null = null;
  for await (const { rowNo, cells } of rows) {
    if (!index) {
      index = new Map(cells.map((h, i) => [String(h ?? "").trim(), i]));
      const wanted = [...Object.values(mapping.columns), ...mapping.indicators.map((i) => i.column)].filter((c): c is string => !!c);
      const missing = wanted.filter((c) => !index!.has(c));
      if (missing.length) throw new ImportFileError("columnsMissing", { columns: missing.slice(0, 5).join(", ") });
      continue;
    }
    if (cells.every((c) => c === null || String(c).trim() === "")) continue;
    const cell = (name: string | undefined): string | null => {
      if (!name) return null;
      const v = cells[index!.get(name)!];
      if (v === null || v === undefined) return null;
      const s = v instanceof Date ? v.toISOString() : String(v).trim();
      return s === "" ? null : s;
    };
    const rawDate = mapping.columns.examDate ? cells[index.get(mapping.columns.examDate)!] : null;
    const examAt = rawDate instanceof Date ? rawDate : parseResultDate(cell(mapping.columns.examDate), timeZone);
    const record: ParsedRecord = {
      rowNo,
      patient: {
        patientId: cell(mapping.columns.patientId),
        cardNo: cell(mapping.columns.cardNo),
        idNumber: cell(mapping.columns.idNumber),
        mrn: cell(mapping.columns.mrn),
        name: cell(mapping.columns.name),
      },
      report: {
        externalId: cell(mapping.columns.reportId),
        examAt,
        department: cell(mapping.columns.department),
        doctor: cell(mapping.columns.doctor),
        conclusion: cell(mapping.columns.conclusion),
      },
      observations: [],
    };
    if (!examAt) record.error = { reason: "dateInvalid", params: { value: (cell(mapping.columns.examDate) ?? "").slice(0, 40) } };
    if (mapping.layout === "long") {
      const code = cell(mapping.columns.indicator);
      const value = cell(mapping.columns.value);
      if (!code) record.error ??= { reason: "indicatorMissing" };
      else if (value === null) record.error ??= { reason: "valueMissing", params: { code } };
      else {
        record.observations.push({
          codings: [{ code }],
          value,
          unit: cell(mapping.columns.unit),
          labRange: cell(mapping.columns.range),
          labFlag: cell(mapping.columns.flag),
          note: cell(mapping.columns.note),
        });
      }
    } else {
      for (const ind of mapping.indicators) {
        const value = cell(ind.column);
        if (value === null) continue;
        record.observations.push({ codings: [{ code: ind.code }], value, unit: ind.unit ?? null, labRange: null, labFlag: null });
      }
      if (record.observations.length === 0) record.error ??= { reason: "noValues" };
    }
    yield record;
  }
  if (!index) throw new ImportFileError("empty");
}
