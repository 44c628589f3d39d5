import { HL7Message, type HL7Segment } from "hl7v2";
import iconv from "iconv-lite";
import type { ResultStatus } from "@/db/types/tenant";
import { parseResultDate } from "./dates";
import { ImportFileError, type ParsedObservation, type ParsedRecord, type PatientIdentifiers } from "./types";

/**
 * HL7 v2 ORU^R01 (v2.3–2.5.1) → parsed records, one per OBX segment (row number = the segment's line
 * in the file). MSH, PID, OBR, OBX (repeated), NTE are read; other standard segments (PV1, ORC,
 * SPM, TQ1 …) and Z-segments are skipped. Several messages may follow one another in a file.
 *
 * - Line ends: "\n" and "\r\n" are accepted and turned into the standard "\r".
 * - Character set: MSH-18 "GB 18030-2000" (or GB18030/GBK) is decoded with iconv-lite before parsing.
 * - PID-3 repetitions: identifier type MR/PI → MRN (per assigning authority), NNCHN or an
 *   18-character resident ID → ID number, MB/MC → member card number; PID-5 → name (queue display only).
 * - OBR-3 (filler order number, else OBR-2) → report id; OBR-7 → exam time; OBR-25 → report status;
 *   NTE after OBR → conclusion; NTE after OBX → that result's note.
 * - OBX-3 code (LOINC when the coding system is LN), OBX-5 value (SN "<^0.5" → "<0.5"), OBX-6 unit,
 *   OBX-7 reference range, OBX-8 abnormal flag, OBX-11 status (X/D/W: no result, skipped), OBX-14 time.
 */
const KNOWN = new Set(["MSH", "SFT", "UAC", "PID", "PD1", "NK1", "NTE", "PV1", "PV2", "ORC", "OBR", "OBX", "TQ1", "TQ2", "CTD", "FT1", "CTI", "SPM", "DSC", "BHS", "BTS", "FHS", "FTS", "ROL"]);
const SEGMENT_ID = /^[A-Z][A-Z0-9]{2}$/;

function decode(input: Buffer): string {
  const firstLine = input.subarray(0, 2048).toString("latin1").split(/\r|\n/)[0] ?? "";
  const fieldSep = firstLine[3] ?? "|";
  const charset = firstLine.split(fieldSep)[17]?.trim().toUpperCase() ?? "";
  return /GB\s*18030|GBK|GB2312/.test(charset) ? iconv.decode(input, "gb18030") : input.toString("utf8").replace(/^\uFEFF/, "");
}

function str(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  const s = String(v).trim();
  return s === "" ? null : s;
}

const STATUS: Record<string, ResultStatus> = { F: "final", P: "preliminary", C: "corrected", R: "preliminary", I: "preliminary", S: "preliminary", A: "preliminary", X: "cancelled" };

export function parseHl7(input: Buffer, timeZone: string): ParsedRecord[] {
  const text = decode(input).replace(/\r\n|\n/g, "\r");
  const lines = text.split("\r");
  // Split into messages at each MSH, remembering each segment's line number in the file.
  const messages: { no: number; text: string }[][] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    if (line.startsWith("MSH")) messages.push([]);
    else if (messages.length === 0 && /^(FHS|BHS)/.test(line)) return;
    if (messages.length === 0) throw new ImportFileError("hl7NoHeader");
    messages[messages.length - 1]!.push({ no: i + 1, text: line });
  });
  if (messages.length === 0) throw new ImportFileError("hl7NoHeader");
  const records: ParsedRecord[] = [];
  for (const m of messages) records.push(...parseMessage(m, timeZone));
  return records;
}

function parseMessage(lines: { no: number; text: string }[], timeZone: string): ParsedRecord[] {
  const records: ParsedRecord[] = [];
  const good: string[] = [];
  const goodNos: number[] = [];
  const fieldSep = lines[0]!.text[3] ?? "|";
  for (const { no, text: line } of lines) {
    const id = line.slice(0, 3);
    const rejected = (reason: string) => records.push({ rowNo: no, patient: {}, report: { externalId: null, examAt: null }, observations: [], error: { reason, params: { segment: id.replace(/[^\x20-\x7e]/g, "?") } } });
    if (!SEGMENT_ID.test(id) || (line.length > 3 && line[3] !== fieldSep)) {
      rejected("hl7SegmentMalformed");
      continue;
    }
    if (!KNOWN.has(id) && !id.startsWith("Z")) {
      rejected("hl7SegmentUnknown");
      continue;
    }
    good.push(line);
    goodNos.push(no);
  }
  const firstLineNo = lines[0]!.no;
  let msg: HL7Message;
  try {
    msg = HL7Message.parse(good.join("\r"));
  } catch {
    throw new ImportFileError("hl7Unreadable", { line: firstLineNo });
  }
  const type = `${str(msg.header.field(9).getValue(1)) ?? ""}^${str(msg.header.field(9).getValue(2)) ?? ""}`;
  if (type !== "ORU^R01") throw new ImportFileError("hl7NotOru", { type });

  let patient: PatientIdentifiers | null = null;
  let report: ParsedRecord["report"] | null = null;
  let reportNotes: string[] = [];
  let last: ParsedRecord | null = null;
  msg.segments.forEach((seg, i) => {
    const rowNo = goodNos[i]!;
    switch (seg.segmentType) {
      case "PID":
        patient = readPid(seg);
        report = null;
        last = null;
        break;
      case "OBR":
        reportNotes = [];
        report = {
          externalId: str(seg.field(3).getValue(1)) ?? str(seg.field(2).getValue(1)),
          examAt: parseResultDate(str(seg.field(7).getValue()), timeZone),
          department: str(seg.field(24).getValue()),
          doctor: personName(seg, 32) ?? personName(seg, 16),
          conclusion: null,
          status: STATUS[str(seg.field(25).getValue())?.toUpperCase() ?? "F"] ?? "final",
        };
        last = null;
        break;
      case "NTE": {
        const note = str(seg.field(3).getValue());
        if (!note) break;
        if (last) last.observations[0]!.note = [last.observations[0]!.note, note].filter(Boolean).join("\n");
        else if (report) {
          reportNotes.push(note);
          report.conclusion = reportNotes.join("\n");
        }
        break;
      }
      case "OBX": {
        const rec = readObx(seg, rowNo, patient, report, timeZone);
        if (rec) records.push(rec);
        last = rec && !rec.error ? rec : null;
        break;
      }
      default:
        break;
    }
  });
  return records;
}

function personName(seg: HL7Segment, field: number): string | null {
  const family = str(seg.field(field).getValue(2));
  const given = str(seg.field(field).getValue(3));
  return family || given ? `${family ?? ""}${given ?? ""}` : null;
}

function readPid(seg: HL7Segment): PatientIdentifiers {
  const ids: PatientIdentifiers = {};
  for (const rep of seg.field(3).repetitions) {
    const id = str(rep.getValue(1));
    if (!id) continue;
    const type = (str(rep.getValue(5)) ?? "").toUpperCase();
    if (type === "NNCHN" || type === "NI" || /^\d{17}[\dXx]$/.test(id)) ids.idNumber ??= id;
    else if (type === "MB" || type === "MC" || type === "CARD") ids.cardNo ??= id;
    else ids.mrn ??= id;
  }
  const external = str(seg.field(2).getValue(1));
  if (external && !ids.mrn) ids.mrn = external;
  const family = str(seg.field(5).getValue(1));
  const given = str(seg.field(5).getValue(2));
  if (family || given) ids.name = `${family ?? ""}${given ?? ""}`;
  return ids;
}

function readObx(seg: HL7Segment, rowNo: number, patient: PatientIdentifiers | null, report: ParsedRecord["report"] | null, timeZone: string): ParsedRecord | null {
  const base = { rowNo, patient: patient ?? {}, report: report ?? { externalId: null, examAt: null }, observations: [] as ParsedObservation[] };
  if (!patient) return { ...base, error: { reason: "hl7ObxWithoutPid" } };
  if (!report) return { ...base, error: { reason: "hl7ObxWithoutObr" } };
  const statusCode = (str(seg.field(11).getValue()) ?? "F").toUpperCase();
  if (statusCode === "X" || statusCode === "D" || statusCode === "W") return null;
  const codings = [
    { code: str(seg.field(3).getValue(1)), display: str(seg.field(3).getValue(2)), system: str(seg.field(3).getValue(3)) },
    { code: str(seg.field(3).getValue(4)), display: str(seg.field(3).getValue(5)), system: str(seg.field(3).getValue(6)) },
  ].filter((c) => c.code || c.display);
  if (codings.length === 0) return { ...base, error: { reason: "hl7ObxNoCode" } };
  const type = (str(seg.field(2).getValue()) ?? "").toUpperCase();
  const value = type === "SN" ? [str(seg.field(5).getValue(1)), str(seg.field(5).getValue(2))].filter(Boolean).join("") : str(seg.field(5).getValue());
  const code = codings[0]!.code ?? codings[0]!.display ?? "";
  if (!value) return { ...base, error: { reason: "valueMissing", params: { code } } };
  const observedRaw = str(seg.field(14).getValue());
  const observedAt = observedRaw ? parseResultDate(observedRaw, timeZone) : null;
  if (observedRaw && !observedAt) return { ...base, error: { reason: "dateInvalid", params: { value: observedRaw.slice(0, 40) } } };
  return {
    ...base,
    observations: [
      {
        codings,
        value,
        unit: str(seg.field(6).getValue(1)) ?? str(seg.field(6).getValue(2)),
        labRange: str(seg.field(7).getValue()),
        labFlag: str(seg.field(8).getValue()),
        status: STATUS[statusCode] ?? "final",
        observedAt,
      },
    ],
  };
}
