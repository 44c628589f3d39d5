import { sql, type Kysely } from "kysely";

/**
 * Tenant API keys for the machine API. The presented key is `cpk_<key_id>_<secret>`: `key_id` finds
 * the row (and so the tenant) with one index lookup; only sha256(secret) is stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("api_keys")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("key_id", "text", (c) => c.notNull().unique())
    .addColumn("tenant_id", "uuid", (c) => c.notNull().references("tenants.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("scopes", "jsonb", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("created_by", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .addColumn("replaced_by", "uuid")
    .execute();
  await db.schema.createIndex("api_keys_tenant_idx").on("api_keys").columns(["tenant_id", "created_at"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("api_keys").execute();
}
