import { sql, type Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { ADVICE_LIBRARY } from "../../seed/advice-library";

/**
 * Risk assessments, advice (template library + per-patient advice sets), intervention/conditioning
 * plans with goals and tasks, stage summaries (健康阶段总结) and generated health reports.
 * `_sealed` columns are AES-256-GCM under the patient's key (edited advice text, summary narrative,
 * doctor's conclusion, stored PDFs); structured clinical values stay in clear like observations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable("risk_assessments")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("model_id", "text", (c) => c.notNull())
    .addColumn("model_version", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('assessed', 'not_assessable', 'out_of_population')`))
    .addColumn("score", "double precision")
    .addColumn("level", "text")
    .addColumn("severity", "smallint")
    .addColumn("inputs", "jsonb", (c) => c.notNull())
    .addColumn("inputs_hash", "text", (c) => c.notNull())
    .addColumn("result", "jsonb", (c) => c.notNull())
    .addColumn("trigger", "text", (c) => c.notNull())
    .addColumn("is_current", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("assessed_by", "uuid")
    .addColumn("assessed_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("risk_assessments_current_key").on("risk_assessments").columns(["patient_id", "model_id"]).unique().where(sql.ref("is_current"), "=", true).execute();
  await db.schema.createIndex("risk_assessments_history_idx").on("risk_assessments").columns(["patient_id", "model_id", "assessed_at"]).execute();
  await db.schema.createIndex("risk_assessments_level_idx").on("risk_assessments").columns(["model_id", "level"]).where(sql.ref("is_current"), "=", true).execute();

  await db.schema
    .createTable("advice_templates")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("category", "text", (c) => c.notNull().check(sql`category in ('diet', 'exercise', 'mental', 'lifestyle')`))
    .addColumn("title_zh", "text", (c) => c.notNull())
    .addColumn("title_en", "text", (c) => c.notNull())
    .addColumn("body_zh", "text", (c) => c.notNull())
    .addColumn("body_en", "text", (c) => c.notNull())
    .addColumn("criteria", "jsonb", (c) => c.notNull())
    .addColumn("priority", "integer", (c) => c.notNull().defaultTo(100))
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("seed_key", "text", (c) => c.unique())
    .addColumn("updated_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();

  await db
    .insertInto("advice_templates")
    .values(
      ADVICE_LIBRARY.map((a) => ({
        id: uuidv7(),
        category: a.category,
        title_zh: a.zh.title,
        title_en: a.en.title,
        body_zh: a.zh.body,
        body_en: a.en.body,
        criteria: JSON.stringify(a.criteria),
        priority: a.priority,
        seed_key: a.key,
      })),
    )
    .execute();

  await db.schema
    .createTable("advice_sets")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'published', 'superseded')`))
    .addColumn("items_sealed", "text", (c) => c.notNull())
    .addColumn("item_count", "integer", (c) => c.notNull())
    .addColumn("created_by", "uuid")
    .addColumn("published_by", "uuid")
    .addColumn("published_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("advice_sets_patient_idx").on("advice_sets").columns(["patient_id", "created_at"]).execute();
  await db.schema.createIndex("advice_sets_one_draft_key").on("advice_sets").column("patient_id").unique().where(sql.ref("status"), "=", "draft").execute();

  await db.schema
    .createTable("care_plans")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('intervention', 'conditioning')`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active").check(sql`status in ('active', 'completed', 'cancelled')`))
    .addColumn("start_date", "date", (c) => c.notNull())
    .addColumn("created_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("care_plans_patient_idx").on("care_plans").columns(["patient_id", "status"]).execute();

  await db.schema
    .createTable("care_plan_goals")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("plan_id", "uuid", (c) => c.notNull().references("care_plans.id").onDelete("cascade"))
    .addColumn("metric", "text", (c) => c.notNull())
    .addColumn("comparator", "text", (c) => c.notNull().check(sql`comparator in ('lt', 'le', 'gt', 'ge', 'decrease_by', 'increase_by')`))
    .addColumn("target_value", "double precision", (c) => c.notNull())
    .addColumn("baseline_value", "double precision")
    .addColumn("baseline_at", "timestamptz")
    .addColumn("due_date", "date", (c) => c.notNull())
    .addColumn("achieved_at", "timestamptz")
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("care_plan_goals_plan_idx").on("care_plan_goals").column("plan_id").execute();

  await db.schema
    .createTable("care_plan_tasks")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("plan_id", "uuid", (c) => c.notNull().references("care_plans.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("frequency", "text", (c) => c.notNull().check(sql`frequency in ('daily', 'weekly', 'monthly', 'once')`))
    .addColumn("times_per_period", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("position", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("care_plan_tasks_plan_idx").on("care_plan_tasks").column("plan_id").execute();

  await db.schema
    .createTable("stage_summaries")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("period_start", "date", (c) => c.notNull())
    .addColumn("period_end", "date", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('draft', 'published')`))
    .addColumn("content", "jsonb", (c) => c.notNull())
    .addColumn("narrative_sealed", "text")
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('manual', 'scheduled')`))
    .addColumn("created_by", "uuid")
    .addColumn("updated_by", "uuid")
    .addColumn("published_by", "uuid")
    .addColumn("published_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("stage_summaries_period_check", sql`period_end >= period_start`)
    .execute();
  await db.schema.createIndex("stage_summaries_period_key").on("stage_summaries").columns(["patient_id", "period_start", "period_end"]).unique().execute();

  await db.schema
    .createTable("health_reports")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("batch_id", "uuid")
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('queued', 'done', 'failed')`))
    .addColumn("locale", "text", (c) => c.notNull())
    .addColumn("conclusion_sealed", "text")
    .addColumn("pdf_sealed", "text")
    .addColumn("pages", "integer")
    .addColumn("bytes", "integer")
    .addColumn("requested_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("finished_at", "timestamptz")
    .execute();
  await db.schema.createIndex("health_reports_patient_idx").on("health_reports").columns(["patient_id", "created_at"]).execute();
  await db.schema.createIndex("health_reports_batch_idx").on("health_reports").column("batch_id").execute();
}
