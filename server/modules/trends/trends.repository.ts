import { sql } from "kysely";
import type { TenantDb } from "@/db/tenant";

/** One plotted value as the trend query ships it: [epoch milliseconds, value in the catalogue unit, flag]. */
export type SeriesPoint = [t: number, value: number, flag: string | null];

/**
 * The trend query: ONE statement, one row per requested indicator, carrying every numeric value the
 * patient has for it (oldest first, cancelled results left out) as a compact JSON array, and the range
 * of the latest value. Both subqueries walk the (patient_id, indicator_id, observed_at) index; years of
 * daily readings leave the database as six JSON values instead of thousands of rows (row decoding, not
 * the index scan, was most of the cost).
 */
export function numericSeries(db: TenantDb, patientId: string, codes: string[]) {
  return numericSeriesQuery(db, patientId, codes).execute();
}

/** The statement itself (the benchmark sends it through pg as the baseline). */
export function numericSeriesQuery(db: TenantDb, patientId: string, codes: string[]) {
  return db
    .selectFrom("indicators as i")
    .select((eb) => [
      "i.code",
      "i.name_zh",
      "i.name_en",
      "i.unit",
      eb
        .selectFrom("observations as o")
        .select(
          sql<SeriesPoint[] | null>`json_agg(json_build_array((extract(epoch from o.observed_at) * 1000)::float8, o.value_num, o.flag) order by o.observed_at, o.id)`.as(
            "points",
          ),
        )
        .where("o.patient_id", "=", patientId)
        .whereRef("o.indicator_id", "=", "i.id")
        .where("o.value_num", "is not", null)
        .where("o.status", "!=", "cancelled")
        .as("points"),
      eb
        .selectFrom("observations as l")
        .select(sql<[low: number | null, high: number | null]>`json_build_array(l.ref_low, l.ref_high)`.as("range"))
        .where("l.patient_id", "=", patientId)
        .whereRef("l.indicator_id", "=", "i.id")
        .where("l.value_num", "is not", null)
        .where("l.status", "!=", "cancelled")
        .orderBy("l.observed_at", "desc")
        .orderBy("l.id", "desc")
        .limit(1)
        .as("latest_range"),
    ])
    .where("i.code", "in", codes)
    .orderBy("i.sort_order")
    .orderBy("i.code");
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
