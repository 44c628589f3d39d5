import { sql, type Kysely } from "kysely";

/**
 * Creates the append-only, hash-chained audit tables inside `schema`.
 * Shared by the control migration and the first tenant migration so both chains are identical.
 */
export async function createAuditTables(db: Kysely<any>, schema: string): Promise<void> {
  await db.schema
    .createTable("audit_events")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("seq", "bigint", (c) => c.notNull().unique())
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull())
    .addColumn("tenant_id", "uuid")
    .addColumn("actor_user_id", "uuid")
    .addColumn("actor_role", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("resource_type", "text")
    .addColumn("resource_id", "text")
    .addColumn("patient_id", "uuid")
    .addColumn("purpose", "text")
    .addColumn("outcome", "text", (c) => c.notNull().check(sql`outcome in ('success', 'denied', 'failure')`))
    .addColumn("request_id", "text")
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("details", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("audit_events_patient_idx").on("audit_events").columns(["patient_id", "seq"]).execute();
  await db.schema.createIndex("audit_events_actor_idx").on("audit_events").columns(["actor_user_id", "seq"]).execute();

  // One row holding the chain head; writers lock it, which serialises the chain per schema.
  await db.schema
    .createTable("audit_head")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.insertInto("audit_head").values({ id: 1, seq: 0, hash: "0".repeat(64) }).execute();

  const fn = sql.id(schema, "reject_audit_mutation");
  const table = sql.table(`${schema}.audit_events`);
  await sql`create function ${fn}() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only (% rejected)', tg_op using errcode = '42501';
    end $$`.execute(db);
  await sql`create trigger audit_events_immutable before update or delete on ${table}
    for each row execute function ${fn}()`.execute(db);
  await sql`create trigger audit_events_no_truncate before truncate on ${table}
    for each statement execute function ${fn}()`.execute(db);
}
