import { sql, type Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { RESULTS_CATALOGUE_V1 } from "./results-catalogue-v1";

/**
 * Exam results: indicator catalogue (with default ranges by sex/age band and unit conversions),
 * exam reports, observations (the time series), import mappings, import batches with their row
 * reports, the "to match" queue, and external MRNs (blind-indexed) that link a source's patient
 * number to a patient. Every tenant gets the seeded catalogue (RESULTS_CATALOGUE_V1).
 * `_sealed` = AES-256-GCM ciphertext; `_bidx` = keyed HMAC, never plaintext.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable("indicators")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("loinc", "text")
    .addColumn("name_zh", "text", (c) => c.notNull())
    .addColumn("name_en", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("value_type", "text", (c) => c.notNull().check(sql`value_type in ('numeric', 'ordinal', 'text')`))
    .addColumn("decimals", "integer", (c) => c.notNull().defaultTo(1).check(sql`decimals between 0 and 4`))
    .addColumn("plausible_min", "double precision")
    .addColumn("plausible_max", "double precision")
    .addColumn("normal_values", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("sort_order", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("builtin", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("indicators_plausible_check", sql`plausible_min is null or plausible_max is null or plausible_min < plausible_max`)
    .execute();
  await db.schema.createIndex("indicators_loinc_idx").on("indicators").column("loinc").execute();

  await db.schema
    .createTable("indicator_ranges")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("indicator_id", "uuid", (c) => c.notNull().references("indicators.id").onDelete("cascade"))
    .addColumn("sex", "text", (c) => c.notNull().defaultTo("any").check(sql`sex in ('any', 'male', 'female')`))
    .addColumn("age_min", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("age_max", "integer")
    .addColumn("low", "double precision")
    .addColumn("high", "double precision")
    .addColumn("critical_low", "double precision")
    .addColumn("critical_high", "double precision")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("indicator_ranges_age_check", sql`age_min >= 0 and (age_max is null or age_max > age_min)`)
    .addCheckConstraint("indicator_ranges_bounds_check", sql`low is null or high is null or low <= high`)
    .execute();
  await db.schema.createIndex("indicator_ranges_indicator_idx").on("indicator_ranges").column("indicator_id").execute();

  await db.schema
    .createTable("indicator_units")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("indicator_id", "uuid", (c) => c.notNull().references("indicators.id").onDelete("cascade"))
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("factor", "double precision", (c) => c.notNull().check(sql`factor <> 0`))
    .addColumn("shift", "double precision", (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint("indicator_units_indicator_unit_key", ["indicator_id", "unit"])
    .execute();

  await db.schema
    .createTable("import_mappings")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("layout", "text", (c) => c.notNull().check(sql`layout in ('long', 'wide')`))
    .addColumn("mapping", "jsonb", (c) => c.notNull())
    .addColumn("created_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("import_batches")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull().check(sql`format in ('csv', 'xlsx', 'hl7v2', 'fhir')`))
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('ui', 'api', 'cli')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('committed', 'rejected')`))
    .addColumn("file_sha256", "text", (c) => c.notNull())
    .addColumn("file_bytes", "bigint", (c) => c.notNull())
    .addColumn("mapping_id", "uuid", (c) => c.references("import_mappings.id").onDelete("set null"))
    .addColumn("rows_total", "integer", (c) => c.notNull())
    .addColumn("rows_imported", "integer", (c) => c.notNull())
    .addColumn("rows_queued", "integer", (c) => c.notNull())
    .addColumn("rows_unchanged", "integer", (c) => c.notNull())
    .addColumn("rows_rejected", "integer", (c) => c.notNull())
    .addColumn("reports_created", "integer", (c) => c.notNull())
    .addColumn("observations_created", "integer", (c) => c.notNull())
    .addColumn("actor_user_id", "uuid")
    .addColumn("api_key_id", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("import_batches_created_idx").on("import_batches").column("id").execute();

  // Row outcomes worth keeping: everything that was not simply imported (rejected, queued, unchanged).
  await db.schema
    .createTable("import_batch_rows")
    .addColumn("batch_id", "uuid", (c) => c.notNull().references("import_batches.id").onDelete("cascade"))
    .addColumn("row_no", "integer", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('imported', 'queued', 'unchanged', 'rejected')`))
    .addColumn("reason", "text")
    .addColumn("params", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addPrimaryKeyConstraint("import_batch_rows_pkey", ["batch_id", "row_no"])
    .execute();

  await db.schema
    .createTable("exam_reports")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("exam_date", "date", (c) => c.notNull())
    .addColumn("department", "text")
    .addColumn("doctor", "text")
    .addColumn("conclusion_sealed", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("final").check(sql`status in ('preliminary', 'final', 'corrected', 'cancelled')`))
    .addColumn("batch_id", "uuid", (c) => c.references("import_batches.id").onDelete("set null"))
    .addColumn("original_file_sha256", "text")
    .addColumn("created_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("exam_reports_source_external_key", ["source", "external_id"])
    .execute();
  await db.schema.createIndex("exam_reports_patient_idx").on("exam_reports").columns(["patient_id", "exam_date"]).execute();

  await db.schema
    .createTable("observations")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("report_id", "uuid", (c) => c.references("exam_reports.id").onDelete("cascade"))
    .addColumn("indicator_id", "uuid", (c) => c.notNull().references("indicators.id"))
    .addColumn("observed_at", "timestamptz", (c) => c.notNull())
    .addColumn("value_num", "double precision")
    .addColumn("value_text", "text")
    .addColumn("original_value", "text", (c) => c.notNull())
    .addColumn("original_unit", "text")
    .addColumn("ref_low", "double precision")
    .addColumn("ref_high", "double precision")
    .addColumn("ref_text", "text")
    .addColumn("range_source", "text", (c) => c.check(sql`range_source in ('lab', 'default')`))
    .addColumn("flag", "text", (c) => c.check(sql`flag in ('H', 'L', 'HH', 'LL', 'A')`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("final").check(sql`status in ('preliminary', 'final', 'corrected', 'cancelled')`))
    .addColumn("note_sealed", "text")
    .addColumn("source_kind", "text", (c) => c.notNull().check(sql`source_kind in ('import', 'manual', 'form')`))
    .addColumn("source_id", "uuid")
    .addColumn("created_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("observations_value_check", sql`value_num is not null or value_text is not null`)
    .execute();
  // The trend query: one patient, a few indicators, ordered by time.
  await db.schema.createIndex("observations_patient_indicator_time_idx").on("observations").columns(["patient_id", "indicator_id", "observed_at"]).execute();
  await db.schema.createIndex("observations_report_idx").on("observations").column("report_id").execute();

  await db.schema
    .createTable("patient_external_ids")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("mrn_bidx", "text", (c) => c.notNull())
    .addColumn("mrn_sealed", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("patient_external_ids_source_mrn_key", ["source", "mrn_bidx"])
    .execute();
  await db.schema.createIndex("patient_external_ids_patient_idx").on("patient_external_ids").column("patient_id").execute();

  // Rows whose patient could not be matched. Identifiers and the pending results are sealed with the
  // tenant's queue key (no patient key exists yet); the blind indexes allow automatic re-matching.
  await db.schema
    .createTable("results_match_queue")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("batch_id", "uuid", (c) => c.notNull().references("import_batches.id").onDelete("cascade"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("external_id", "text", (c) => c.notNull())
    .addColumn("exam_date", "date", (c) => c.notNull())
    .addColumn("observation_count", "integer", (c) => c.notNull())
    .addColumn("card_no_bidx", "text")
    .addColumn("id_number_bidx", "text")
    .addColumn("mrn_bidx", "text")
    .addColumn("payload_sealed", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status in ('open', 'resolved', 'discarded')`))
    .addColumn("resolved_patient_id", "uuid", (c) => c.references("patients.id").onDelete("set null"))
    .addColumn("resolved_report_id", "uuid")
    .addColumn("resolved_by", "uuid")
    .addColumn("resolved_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("results_match_queue_source_external_key", ["source", "external_id"])
    .execute();
  await db.schema.createIndex("results_match_queue_status_idx").on("results_match_queue").columns(["status", "id"]).execute();

  await seedCatalogue(db);
}

async function seedCatalogue(db: Kysely<any>): Promise<void> {
  const indicators = [];
  const ranges = [];
  const units = [];
  let order = 0;
  for (const ind of RESULTS_CATALOGUE_V1) {
    const id = uuidv7();
    order += 10;
    indicators.push({
      id,
      code: ind.code,
      loinc: ind.loinc ?? null,
      name_zh: ind.nameZh,
      name_en: ind.nameEn,
      category: ind.category,
      unit: ind.unit,
      value_type: ind.valueType ?? "numeric",
      decimals: ind.decimals ?? 1,
      plausible_min: ind.plausible?.[0] ?? null,
      plausible_max: ind.plausible?.[1] ?? null,
      normal_values: JSON.stringify(ind.normalValues ?? []),
      sort_order: order,
      builtin: true,
    });
    for (const r of ind.ranges ?? []) {
      ranges.push({
        id: uuidv7(),
        indicator_id: id,
        sex: r.sex ?? "any",
        age_min: r.ageMin ?? 0,
        age_max: r.ageMax ?? null,
        low: r.low ?? null,
        high: r.high ?? null,
        critical_low: r.criticalLow ?? null,
        critical_high: r.criticalHigh ?? null,
      });
    }
    for (const u of ind.conversions ?? []) units.push({ id: uuidv7(), indicator_id: id, unit: u.unit, factor: u.factor, shift: u.shift ?? 0 });
  }
  await db.insertInto("indicators").values(indicators).execute();
  if (ranges.length) await db.insertInto("indicator_ranges").values(ranges).execute();
  if (units.length) await db.insertInto("indicator_units").values(units).execute();
}
