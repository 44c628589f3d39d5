import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { ImportFileError } from "./types";

type CellValue = ExcelJS.CellValue;

function cellText(v: CellValue): string | Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText((v as ExcelJS.CellFormulaValue).result as CellValue);
    if ("text" in v) return String((v as ExcelJS.CellHyperlinkValue).text);
    if ("error" in v) return null;
    return null;
  }
  return String(v);
}

/** Rows of the first worksheet, streamed with exceljs' WorkbookReader; header included as row 1. */
export async function* xlsxRows(input: AsyncIterable<Buffer>): AsyncGenerator<{ rowNo: number; cells: (string | Date | null)[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(input), { sharedStrings: "cache", hyperlinks: "ignore", styles: "cache", worksheets: "emit", entries: "emit" });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values as CellValue[]).slice(1);
        yield { rowNo: row.number, cells: values.map(cellText) };
      }
      return; // first worksheet only
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError("xlsxUnreadable");
  }
}
