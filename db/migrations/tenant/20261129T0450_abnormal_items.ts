import { sql, type Kysely } from "kysely";

/**
 * 重要异常结果 tracking: one item per patient, batch of results and class (A/B), with the
 * observations that caused it, a deadline, escalation to the department lead, and an outcome that
 * closes it. The outcome note is free clinical text: sealed under the patient's key.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable("abnormal_items")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("patient_id", "uuid", (c) => c.notNull().references("patients.id").onDelete("cascade"))
    .addColumn("class", "text", (c) => c.notNull().check(sql`class in ('A', 'B')`))
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open").check(sql`status in ('open', 'closed')`))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("responsible_user_id", "uuid")
    .addColumn("department_id", "uuid", (c) => c.references("departments.id").onDelete("set null"))
    .addColumn("found_at", "timestamptz", (c) => c.notNull())
    .addColumn("due_at", "timestamptz", (c) => c.notNull())
    .addColumn("escalated_at", "timestamptz")
    .addColumn("escalated_to_user_id", "uuid")
    .addColumn("outcome", "text", (c) => c.check(sql`outcome in ('notified', 'seen_doctor', 'diagnosed', 'declined')`))
    .addColumn("outcome_note_sealed", "text")
    .addColumn("closed_at", "timestamptz")
    .addColumn("closed_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addCheckConstraint("abnormal_items_closed_check", sql`(status = 'closed') = (outcome is not null and closed_at is not null)`)
    .execute();
  // The dashboard (open items, oldest first) and the escalation sweep (open, due, not escalated).
  await db.schema.createIndex("abnormal_items_open_idx").on("abnormal_items").columns(["found_at", "id"]).where(sql.ref("status"), "=", "open").execute();
  await db.schema.createIndex("abnormal_items_due_idx").on("abnormal_items").column("due_at").where(sql<boolean>`status = 'open' and escalated_at is null`).execute();
  await db.schema.createIndex("abnormal_items_patient_idx").on("abnormal_items").columns(["patient_id", "status"]).execute();

  await db.schema
    .createTable("abnormal_item_observations")
    .addColumn("item_id", "uuid", (c) => c.notNull().references("abnormal_items.id").onDelete("cascade"))
    .addColumn("observation_id", "uuid", (c) => c.notNull())
    .addColumn("rule", "text", (c) => c.notNull())
    .addColumn("position", "smallint", (c) => c.notNull())
    // What fired, as it was: the item keeps its evidence even if the observation is later corrected.
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("value", "double precision")
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("observed_at", "timestamptz", (c) => c.notNull())
    .addPrimaryKeyConstraint("abnormal_item_observations_pkey", ["item_id", "observation_id"])
    .execute();
  await db.schema.createIndex("abnormal_item_observations_obs_idx").on("abnormal_item_observations").column("observation_id").execute();

  await db.schema
    .createTable("abnormal_item_events")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("item_id", "uuid", (c) => c.notNull().references("abnormal_items.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('created', 'escalated', 'closed')`))
    .addColumn("actor_user_id", "uuid")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex("abnormal_item_events_item_idx").on("abnormal_item_events").columns(["item_id", "occurred_at"]).execute();
}
