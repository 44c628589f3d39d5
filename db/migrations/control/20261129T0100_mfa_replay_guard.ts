import type { Kysely } from "kysely";

/** The last TOTP time step accepted for an account: a code from that step or earlier is refused. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("mfa_last_time_step", "bigint").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("mfa_last_time_step").execute();
}
