import type { TenantDb } from "@/db/tenant";

/**
 * The trend query: every numeric value of the given indicators for one patient, oldest first — ONE
 * statement on the (patient_id, indicator_id, observed_at) index. Cancelled results are not plotted.
 */
export function numericSeries(db: TenantDb, patientId: string, codes: string[]) {
  return numericSeriesQuery(db, patientId, codes).execute();
}

/** The statement itself (the benchmark sends it through pg as the baseline). */
export function numericSeriesQuery(db: TenantDb, patientId: string, codes: string[]) {
  return db
    .selectFrom("observations as o")
    .innerJoin("indicators as i", "i.id", "o.indicator_id")
    .select(["i.code", "i.name_zh", "i.name_en", "i.unit", "i.sort_order", "o.observed_at", "o.value_num", "o.flag", "o.ref_low", "o.ref_high"])
    .where("o.patient_id", "=", patientId)
    .where("i.code", "in", codes)
    .where("o.value_num", "is not", null)
    .where("o.status", "!=", "cancelled")
    .orderBy("i.sort_order")
    .orderBy("i.code")
    .orderBy("o.observed_at");
}

/** Indicators the patient has numeric values for, with counts (one statement). */
export function patientIndicators(db: TenantDb, patientId: string) {
  return db
    .selectFrom("observations as o")
    .innerJoin("indicators as i", "i.id", "o.indicator_id")
    .select((eb) => ["i.code", "i.name_zh", "i.name_en", "i.unit", "i.sort_order", eb.fn.countAll<string>().as("n"), eb.fn.max("o.observed_at").as("last_at")])
    .where("o.patient_id", "=", patientId)
    .where("o.value_num", "is not", null)
    .where("o.status", "!=", "cancelled")
    .groupBy(["i.code", "i.name_zh", "i.name_en", "i.unit", "i.sort_order"])
    .orderBy("i.sort_order")
    .orderBy("i.code")
    .execute();
}

/** The patient's exam reports, newest first, with how many results each holds. */
export function patientReports(db: TenantDb, patientId: string) {
  return db
    .selectFrom("exam_reports as r")
    .leftJoin("observations as o", "o.report_id", "r.id")
    .select((eb) => ["r.id", "r.exam_date", "r.source", eb.fn.count<string>("o.id").as("n")])
    .where("r.patient_id", "=", patientId)
    .where("r.status", "!=", "cancelled")
    .groupBy(["r.id", "r.exam_date", "r.source"])
    .orderBy("r.exam_date", "desc")
    .orderBy("r.id", "desc")
    .limit(100)
    .execute();
}

/** Results of two reports of one patient (a report of anyone else yields no rows). */
export function reportResults(db: TenantDb, patientId: string, reportIds: string[]) {
  return db
    .selectFrom("observations as o")
    .innerJoin("indicators as i", "i.id", "o.indicator_id")
    .select(["o.report_id", "i.code", "i.name_zh", "i.name_en", "i.unit", "i.sort_order", "o.value_num", "o.value_text", "o.flag", "o.observed_at"])
    .where("o.patient_id", "=", patientId)
    .where("o.report_id", "in", reportIds)
    .where("o.status", "!=", "cancelled")
    .orderBy("i.sort_order")
    .orderBy("i.code")
    .orderBy("o.observed_at")
    .execute();
}
