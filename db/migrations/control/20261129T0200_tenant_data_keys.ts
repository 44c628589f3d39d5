import { sql, type Kysely } from "kysely";

/** Wrapped per-tenant data keys (server/crypto/tenant-keys.ts). Only wrapped key material is stored. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("tenant_data_keys")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("tenant_id", "uuid", (c) => c.notNull().unique().references("tenants.id").onDelete("cascade"))
    .addColumn("kid", "text", (c) => c.notNull())
    .addColumn("wrapped_key", "text", (c) => c.notNull())
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("tenant_data_keys").execute();
}
