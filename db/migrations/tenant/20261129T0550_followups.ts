import { sql, type Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { SEED_TEMPLATES } from "../../seed/followup-templates";

/**
 * Follow-up plans (templates, versions, running plans), follow-up records, call sessions and
 * recordings; the worklist learns which plan step a task belongs to. Every tenant starts with the
 * seeded templates (体检后随访, 高血压随访, 2型糖尿病随访).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable("followup_templates")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("current_version", "integer", (c) => c.notNull())
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();

  await db.schema
    .createTable("followup_template_versions")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("template_id", "uuid", (c) => c.notNull().references("followup_templates.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("guideline", "text", (c) => c.check(sql`guideline in ('hypertension', 'diabetes')`))
    .addColumn("steps", "jsonb", (c) => c.notNull())
    .addColumn("created_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("followup_template_versions_version_key", ["template_id", "version"])
    .execute();

  await db.schema
    .createTable("followup_plans")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("template_version_id", "uuid", (c) => c.notNull().references("followup_template_versions.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("active").check(sql`status in ('active', 'completed', 'stopped')`))
    .addColumn("source", "text", (c) => c.notNull().check(sql`source in ('manual', 'rule', 'checkup', 'result')`))
    .addColumn("source_ref", "text")
    .addColumn("anchor_at", "timestamptz", (c) => c.notNull())
    .addColumn("next_due_at", "timestamptz")
    .addColumn("next_step_index", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_kind", "text", (c) => c.notNull().defaultTo("followup_step"))
    .addColumn("next_seq", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("uncontrolled_streak", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("started_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("ended_at", "timestamptz")
    .execute();
  // The scheduler tick reads only active plans that are due: a partial index keeps that range scan
  // independent of how many plans (finished or far in the future) the tenant holds.
  await db.schema
    .createIndex("followup_plans_due_idx")
    .on("followup_plans")
    .column("next_due_at")
    .where(sql.ref("status"), "=", "active")
    .execute();
  await db.schema.createIndex("followup_plans_patient_idx").on("followup_plans").columns(["patient_id", "id"]).execute();

  await db.schema
    .alterTable("worklist_tasks")
    .addColumn("plan_id", "uuid", (c) => c.references("followup_plans.id").onDelete("cascade"))
    .addColumn("step_index", "integer")
    .addColumn("channel", "text")
    .addColumn("unique_key", "text")
    .addColumn("escalated_at", "timestamptz")
    .addColumn("escalated_to_user_id", "uuid")
    .execute();
  await db.schema.createIndex("worklist_tasks_unique_key").on("worklist_tasks").column("unique_key").unique().execute();
  await db.schema
    .createIndex("worklist_tasks_open_due_idx")
    .on("worklist_tasks")
    .column("due_at")
    .where(sql.ref("status"), "=", "open")
    .execute();

  await db.schema
    .createTable("followup_records")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("task_id", "uuid", (c) => c.unique().references("worklist_tasks.id").onDelete("set null"))
    .addColumn("plan_id", "uuid", (c) => c.references("followup_plans.id").onDelete("set null"))
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("recorded_by", "uuid")
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("contact_result", "text", (c) => c.notNull())
    .addColumn("answers_sealed", "text")
    .addColumn("note_sealed", "text")
    .addColumn("systolic_mmhg", "integer")
    .addColumn("diastolic_mmhg", "integer")
    .addColumn("fasting_glucose_mmol_l", "numeric(5, 2)")
    .addColumn("assessment", "text")
    .addColumn("next_action", "text")
    .addColumn("next_due_at", "timestamptz")
    .addColumn("recorded_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("followup_records_patient_idx").on("followup_records").columns(["patient_id", "id"]).execute();

  await db.schema
    .createTable("call_sessions")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("call_id", "text", (c) => c.notNull())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("task_id", "uuid", (c) => c.references("worklist_tasks.id").onDelete("set null"))
    .addColumn("started_by", "uuid")
    .addColumn("started_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("call_sessions_call_key", ["provider", "call_id"])
    .execute();

  await db.schema
    .createTable("call_recordings")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("call_id", "text", (c) => c.notNull())
    .addColumn("call_session_id", "uuid", (c) => c.references("call_sessions.id").onDelete("set null"))
    .addColumn("patient_id", "uuid", (c) => c.references("patients.id").onDelete("cascade"))
    .addColumn("followup_record_id", "uuid", (c) => c.references("followup_records.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending', 'stored', 'failed')`))
    .addColumn("source_url", "text", (c) => c.notNull())
    .addColumn("storage_key", "text")
    .addColumn("content_type", "text")
    .addColumn("size_bytes", "bigint")
    .addColumn("sha256", "text")
    .addColumn("duration_s", "integer")
    .addColumn("call_started_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("stored_at", "timestamptz")
    .addUniqueConstraint("call_recordings_call_key", ["provider", "call_id"])
    .execute();
  await db.schema.createIndex("call_recordings_record_idx").on("call_recordings").column("followup_record_id").execute();

  for (const t of SEED_TEMPLATES) {
    const templateId = uuidv7();
    await db.insertInto("followup_templates").values({ id: templateId, code: t.code, name: t.name, name_en: t.nameEn, current_version: 1 }).execute();
    await db
      .insertInto("followup_template_versions")
      .values({ id: uuidv7(), template_id: templateId, version: 1, guideline: t.guideline, steps: JSON.stringify(t.steps) })
      .execute();
  }
}
