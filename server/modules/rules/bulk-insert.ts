import { sql, type RawBuilder } from "kysely";
import type { TenantDb } from "@/db/tenant";

export type ColumnType = "uuid" | "text" | "int4" | "jsonb" | "timestamptz";

/** The tables rule actions write, with the type of every column they fill. */
export const RULE_WRITE_COLUMNS = {
  rule_matches: { rule_id: "uuid", patient_id: "uuid", rule_version: "int4", facts: "jsonb", matched_at: "timestamptz" },
  patient_tags: { patient_id: "uuid", tag_id: "uuid", source: "text", rule_id: "uuid", rule_version: "int4", rule_facts: "jsonb", reason: "text", added_by: "uuid" },
  patient_tag_events: { id: "uuid", patient_id: "uuid", tag_id: "uuid", action: "text", source: "text", rule_id: "uuid", rule_version: "int4", reason: "text", actor_user_id: "uuid" },
  patient_events: { id: "uuid", patient_id: "uuid", kind: "text", actor_user_id: "uuid", details: "jsonb" },
  worklist_tasks: { id: "uuid", assignee_user_id: "uuid", patient_id: "uuid", kind: "text", due_at: "timestamptz", rule_id: "uuid" },
  rule_action_log: { id: "uuid", rule_id: "uuid", rule_version: "int4", patient_id: "uuid", action: "jsonb", status: "text", occurred_at: "timestamptz" },
} as const satisfies Record<string, Record<string, ColumnType>>;

export type RuleWriteTable = keyof typeof RULE_WRITE_COLUMNS;
export const UNNEST_CHUNK = 5000;

/**
 * `INSERT … SELECT * FROM unnest($1::uuid[], …)`: one array parameter per column instead of one
 * parameter per value, so parse and plan cost stay constant whatever the row count (bulk re-runs
 * write hundreds of thousands of rows). JSON columns take JSON text.
 */
export function unnestSelect(table: RuleWriteTable, rows: readonly Record<string, unknown>[]): RawBuilder<unknown> {
  const columns = Object.entries(RULE_WRITE_COLUMNS[table]) as [string, ColumnType][];
  const arrays = columns.map(([name, type]) => sql`${rows.map((r) => r[name] ?? null)}::${sql.raw(type)}[]`);
  return sql`select * from unnest(${sql.join(arrays)})`;
}

export async function insertRows(trx: TenantDb, table: RuleWriteTable, rows: readonly Record<string, unknown>[]): Promise<void> {
  const columns = Object.keys(RULE_WRITE_COLUMNS[table]);
  for (let i = 0; i < rows.length; i += UNNEST_CHUNK) {
    await trx
      .insertInto(table)
      .columns(columns as never)
      .expression(unnestSelect(table, rows.slice(i, i + UNNEST_CHUNK)) as never)
      .execute();
  }
}
