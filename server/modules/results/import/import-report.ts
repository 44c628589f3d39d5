import type { ImportRowOutcome } from "@/db/types/tenant";
import type { MatchedBy } from "./patient-matcher";

export interface ImportRowReport {
  rowNo: number;
  outcome: ImportRowOutcome;
  /** Message key under `results.reasons.*` (rejected, queued, unchanged). */
  reason: string | null;
  params: Record<string, string | number>;
  patientId: string | null;
  matchedBy: MatchedBy | null;
  observations: number;
}

export interface ImportReport {
  batchId: string;
  status: "committed" | "rejected";
  /** A whole-file refusal (unreadable, too large, wrong structure) — then `rows` is empty. */
  fileError: { reason: string; params: Record<string, string | number> } | null;
  counts: { rows: number; imported: number; queued: number; unchanged: number; rejected: number; reports: number; observations: number };
  rows: ImportRowReport[];
  /** True when imported rows were left out of `rows` because the file was large (all others are listed). */
  rowsTruncated: boolean;
}

/** Up to this many rows every row is listed; above it, only rows that were not simply imported. */
export const FULL_ROW_REPORT_LIMIT = 10_000;
