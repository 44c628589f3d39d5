import { sql, type Kysely } from "kysely";

/**
 * Transactional outbox and dead-letter list of one tenant.
 * `outbox_events` rows are written in the same transaction as the domain change that causes them;
 * the relay (server/jobs/relay.ts) sends pending rows to Inngest and marks them sent. Payloads hold
 * the tenant id and record ids only. `job_failures` lists background work that failed for good.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const now = sql`now()`;
  await db.schema
    .createTable("outbox_events")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("event_name", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("pending").check(sql`status in ('pending', 'sent', 'dead')`))
    .addColumn("available_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("claimed_until", "timestamptz")
    .addColumn("last_error", "text")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("sent_at", "timestamptz")
    .execute();
  // The relay's only query shape: pending rows that are due, oldest first.
  await db.schema
    .createIndex("outbox_events_pending_idx")
    .on("outbox_events")
    .columns(["available_at", "id"])
    .where(sql.ref("status"), "=", "pending")
    .execute();
  await db.schema.createIndex("outbox_events_sent_idx").on("outbox_events").column("sent_at").where(sql.ref("status"), "=", "sent").execute();

  await db.schema
    .createTable("job_failures")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("function_id", "text", (c) => c.notNull())
    .addColumn("event_name", "text", (c) => c.notNull())
    .addColumn("event_id", "text")
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("error", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull())
    .addColumn("failed_at", "timestamptz", (c) => c.notNull().defaultTo(now))
    .addColumn("resolved_at", "timestamptz")
    .addColumn("resolved_by", "uuid")
    .addColumn("resolution", "text", (c) => c.check(sql`resolution in ('retried', 'dismissed')`))
    .execute();
  await db.schema.createIndex("job_failures_open_idx").on("job_failures").columns(["failed_at", "id"]).where(sql.ref("resolved_at"), "is", null).execute();
  // Inngest may report one failed run more than once; one row per (function, event).
  await db.schema.createIndex("job_failures_run_key").on("job_failures").columns(["function_id", "event_id"]).unique().execute();
}
