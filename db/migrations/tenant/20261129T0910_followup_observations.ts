import type { Kysely } from "kysely";
import { sql } from "kysely";

/**
 * Readings taken during a follow-up (BP, fasting glucose) are observations like any other: they go
 * through the observation writer with `source_kind = 'followup'` and `source_id` = the follow-up record.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("observations").dropConstraint("observations_source_kind_check").execute();
  await db.schema
    .alterTable("observations")
    .addCheckConstraint("observations_source_kind_check", sql`source_kind in ('import', 'manual', 'form', 'followup')`)
    .execute();
}
