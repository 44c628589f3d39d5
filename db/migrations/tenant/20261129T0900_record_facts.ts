import { type Kysely } from "kysely";

/**
 * Rule facts of the health record: the sealed record cannot be read by a query, so every writer of a
 * record also stores its structured, non-identifying projection (booleans, categories, counts — never
 * free text) for the rules engine. Records saved before this migration have none (facts read null)
 * until their next save.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("health_records").addColumn("facts", "jsonb").execute();
}
