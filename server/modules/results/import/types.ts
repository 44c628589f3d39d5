import type { ResultStatus } from "@/db/types/tenant";
import type { Rejection } from "../rules/prepare-observation";

/** How a file names its patient. At least one is needed; the first that matches wins (in this order). */
export interface PatientIdentifiers {
  /** Our own patient id (FHIR Patient/<id>, a CSV patient_id column): must exist in this tenant. */
  patientId?: string | null;
  cardNo?: string | null;
  idNumber?: string | null;
  /** The source system's patient number (HL7 PID-3 type MR, FHIR identifier type MR). */
  mrn?: string | null;
  /** Shown in the to-match queue to help a person pick the patient; never used for matching. */
  name?: string | null;
}

export interface ParsedObservation {
  /** Codes naming the indicator: LOINC (system "LN"/loinc.org), a catalogue code or a name. */
  codings: { system?: string | null; code?: string | null; display?: string | null }[];
  value: string;
  unit: string | null;
  labRange: string | { low: number | null; high: number | null } | null;
  labFlag: string | null;
  status?: ResultStatus;
  note?: string | null;
  /** Defaults to the report's exam time. */
  observedAt?: Date | null;
}

export interface ParsedReport {
  /** Report id in the source system (OBR-3, DiagnosticReport.identifier); derived when absent. */
  externalId: string | null;
  examAt: Date | null;
  department?: string | null;
  doctor?: string | null;
  conclusion?: string | null;
  status?: ResultStatus;
}

/**
 * One row of the file as the per-row report counts it: a CSV/XLSX line, an HL7 OBX segment, a
 * FHIR Observation entry. A wide CSV line carries several observations.
 */
export interface ParsedRecord {
  rowNo: number;
  patient: PatientIdentifiers;
  report: ParsedReport;
  observations: ParsedObservation[];
  /** Set by the parser when the row itself is malformed; the row is then rejected. */
  error?: Rejection;
}

export type ImportFormat = "csv" | "xlsx" | "hl7v2" | "fhir";

/** A whole-file refusal (unreadable, too large, wrong structure): nothing is read further. */
export class ImportFileError extends Error {
  constructor(
    readonly reason: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`results.fileErrors.${reason}`);
  }
}
