import { sql, type Kysely } from "kysely";

/**
 * Which tenant a telephony call belongs to. Written when staff start a call; the provider's webhook
 * (which knows nothing about tenants) is routed by (provider, call id). Unknown call ids are refused.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("call_routes")
    .addColumn("provider", "text", (c) => c.notNull())
    .addColumn("call_id", "text", (c) => c.notNull())
    .addColumn("tenant_id", "uuid", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint("call_routes_pkey", ["provider", "call_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("call_routes").execute();
}
