import { sql, type Kysely } from "kysely";
import { createAuditTables } from "../audit-schema";

export async function up(db: Kysely<any>, schema: string): Promise<void> {
  await createAuditTables(db, schema);

  await db.schema
    .createTable("departments")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("lead_user_id", "uuid")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("updated_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
