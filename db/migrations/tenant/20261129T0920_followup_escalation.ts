import { sql, type Kysely } from "kysely";

/**
 * Follow-up work settings (one row): how long a task may stay overdue before it is escalated to the
 * department lead, and the local hour of the afternoon digest of unfinished tasks. `followup_digests`
 * holds one row per staff member and local day, written before the mail is handed over (never two).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("followup_settings")
    .addColumn("id", "smallint", (c) => c.primaryKey().defaultTo(1).check(sql`id = 1`))
    .addColumn("escalate_after_hours", "integer", (c) => c.notNull().defaultTo(48).check(sql`escalate_after_hours between 1 and 720`))
    .addColumn("digest_enabled", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("digest_hour", "integer", (c) => c.notNull().defaultTo(16).check(sql`digest_hour between 0 and 23`))
    .addColumn("updated_by", "uuid")
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.insertInto("followup_settings").values({ id: 1 }).execute();

  await db.schema
    .createTable("followup_digests")
    .addColumn("user_id", "uuid", (c) => c.notNull())
    .addColumn("local_date", "date", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('sending', 'sent', 'failed', 'no_channel', 'no_address')`))
    .addColumn("open_tasks", "integer", (c) => c.notNull())
    .addColumn("error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("followup_digests_pkey", ["user_id", "local_date"])
    .execute();
  await db.schema.createIndex("worklist_tasks_escalated_to_idx").on("worklist_tasks").column("escalated_to_user_id").where(sql.ref("status"), "=", "open").execute();
}
