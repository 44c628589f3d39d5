import { sql, type Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { BUILTIN_FORMS } from "@/server/modules/forms/library";

/**
 * Forms (versioned questionnaire / 问诊表 definitions and responses) and the rules engine (rules, their
 * versions, the current match of each rule per patient, the log of actions taken, bulk runs).
 * Built-in forms are published as version 1 in every tenant.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable("form_definitions")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('questionnaire', 'consultation')`))
    .addColumn("builtin", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("draft", "jsonb", (c) => c.notNull())
    .addColumn("current_version", "integer")
    .addColumn("archived", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createTable("form_versions")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("definition_id", "uuid", (c) => c.notNull().references("form_definitions.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("document", "jsonb", (c) => c.notNull())
    .addColumn("published_by", "uuid")
    .addColumn("published_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("form_versions_definition_version_key", ["definition_id", "version"])
    .execute();
  await db.schema
    .createTable("form_responses")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("definition_id", "uuid", (c) => c.notNull().references("form_definitions.id"))
    .addColumn("form_version_id", "uuid", (c) => c.notNull().references("form_versions.id"))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("in_progress").check(sql`status in ('in_progress', 'completed', 'cancelled')`))
    .addColumn("channel", "text", (c) => c.notNull().check(sql`channel in ('staff', 'link')`))
    .addColumn("answers", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("free_text_sealed", "text")
    .addColumn("scores", "jsonb", (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn("link_nonce", "text")
    .addColumn("link_expires_at", "timestamptz")
    .addColumn("created_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("completed_at", "timestamptz")
    .execute();
  await db.schema.createIndex("form_responses_patient_idx").on("form_responses").columns(["patient_id", "definition_id", "completed_at"]).execute();

  await db.schema
    .createTable("rules")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("description", "text")
    .addColumn("condition", "jsonb", (c) => c.notNull())
    .addColumn("actions", "jsonb", (c) => c.notNull())
    .addColumn("priority", "integer", (c) => c.notNull().defaultTo(100))
    .addColumn("enabled", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema
    .createTable("rule_versions")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("rule_id", "uuid", (c) => c.notNull().references("rules.id").onDelete("cascade"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("condition", "jsonb", (c) => c.notNull())
    .addColumn("actions", "jsonb", (c) => c.notNull())
    .addColumn("priority", "integer", (c) => c.notNull())
    .addColumn("enabled", "boolean", (c) => c.notNull())
    .addColumn("changed_by", "uuid")
    .addColumn("changed_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addUniqueConstraint("rule_versions_rule_version_key", ["rule_id", "version"])
    .execute();
  // The current outcome of each enabled rule for each patient it matches: actions run only when a
  // patient enters (or leaves) this set, which is what makes re-evaluation idempotent.
  await db.schema
    .createTable("rule_matches")
    .addColumn("rule_id", "uuid", (c) => c.notNull().references("rules.id").onDelete("cascade"))
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("rule_version", "integer", (c) => c.notNull())
    .addColumn("facts", "jsonb", (c) => c.notNull())
    .addColumn("matched_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint("rule_matches_pkey", ["rule_id", "patient_id"])
    .execute();
  await db.schema.createIndex("rule_matches_patient_idx").on("rule_matches").column("patient_id").execute();
  await db.schema
    .createTable("rule_action_log")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("rule_id", "uuid", (c) => c.notNull().references("rules.id").onDelete("cascade"))
    .addColumn("rule_version", "integer", (c) => c.notNull())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("action", "jsonb", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('done', 'pending', 'unchanged')`))
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("rule_action_log_patient_idx").on("rule_action_log").columns(["patient_id", "id"]).execute();
  await db.schema.createIndex("rule_action_log_pending_idx").on("rule_action_log").columns(["status", "id"]).execute();
  await db.schema
    .createTable("rule_runs")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('queued', 'running', 'done', 'failed')`))
    .addColumn("total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("processed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("changed", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cursor", "uuid")
    .addColumn("error", "text")
    .addColumn("requested_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("started_at", "timestamptz")
    .addColumn("finished_at", "timestamptz")
    .execute();

  await db.schema.alterTable("patient_tags").addColumn("rule_version", "integer").execute();
  await db.schema.alterTable("patient_tags").addColumn("rule_facts", "jsonb").execute();
  await db.schema.alterTable("patient_tag_events").addColumn("rule_version", "integer").execute();
  await db.schema.alterTable("worklist_tasks").addColumn("rule_id", "uuid").execute();

  for (const form of BUILTIN_FORMS) {
    const definitionId = uuidv7();
    await db.insertInto("form_definitions").values({ id: definitionId, code: form.code, kind: form.kind, builtin: true, draft: JSON.stringify(form.document), current_version: 1 }).execute();
    await db.insertInto("form_versions").values({ id: uuidv7(), definition_id: definitionId, version: 1, document: JSON.stringify(form.document) }).execute();
  }
}
