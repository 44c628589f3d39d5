import type { TenantDb } from "@/db/tenant";

/** One result as the report shows it (values in the indicator's catalogue unit). */
export interface ReportObservation {
  loinc: string | null;
  code: string;
  nameZh: string;
  nameEn: string;
  category: string;
  unit: string;
  value: number | null;
  valueText: string | null;
  refLow: number | null;
  refHigh: number | null;
  refText: string | null;
  flag: "H" | "L" | "HH" | "LL" | "A" | null;
  observedAt: Date;
  sortOrder: number;
}

/** Every non-cancelled observation of the patient, oldest first (trends use all, tables the latest). */
export async function loadReportObservations(db: TenantDb, patientId: string): Promise<ReportObservation[]> {
  const rows = await db
    .selectFrom("observations as o")
    .innerJoin("indicators as i", "i.id", "o.indicator_id")
    .select(["i.loinc", "i.code", "i.name_zh", "i.name_en", "i.category", "i.unit", "i.sort_order", "o.value_num", "o.value_text", "o.ref_low", "o.ref_high", "o.ref_text", "o.flag", "o.observed_at"])
    .where("o.patient_id", "=", patientId)
    .where("o.status", "!=", "cancelled")
    .orderBy("o.observed_at")
    .orderBy("o.id")
    .execute();
  return rows.map((r) => ({
    loinc: r.loinc,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    category: r.category,
    unit: r.unit,
    value: r.value_num,
    valueText: r.value_text,
    refLow: r.ref_low,
    refHigh: r.ref_high,
    refText: r.ref_text,
    flag: r.flag,
    observedAt: r.observed_at,
    sortOrder: r.sort_order,
  }));
}

/** The doctor's conclusion of the patient's latest exam report that has one (sealed; the caller opens it). */
export async function latestExamConclusion(db: TenantDb, patientId: string): Promise<{ sealed: string; reportId: string; date: string; doctor: string | null } | null> {
  const row = await db
    .selectFrom("exam_reports")
    .select(["id", "conclusion_sealed", "exam_date", "doctor"])
    .where("patient_id", "=", patientId)
    .where("conclusion_sealed", "is not", null)
    .where("status", "!=", "cancelled")
    .orderBy("exam_date", "desc")
    .executeTakeFirst();
  if (!row?.conclusion_sealed) return null;
  const d = row.exam_date;
  const date = typeof d === "string" ? d.slice(0, 10) : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  return { sealed: row.conclusion_sealed, reportId: row.id, date, doctor: row.doctor };
}
