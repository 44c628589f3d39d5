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

/** Rows waiting to be written, per table. */
export type PendingRows = { [T in RuleWriteTable]: Record<string, unknown>[] };

export function pendingRows(): PendingRows {
  return { rule_matches: [], patient_tags: [], patient_tag_events: [], patient_events: [], worklist_tasks: [], rule_action_log: [] };
}

/**
 * Writes every pending row in ONE statement: all but the last insert run as writable CTEs
 * (`with w0 as (insert …), w1 as (insert …) insert …`), so evaluating one patient after a change
 * costs one round trip for its writes whatever the number of tables.
 */
export async function insertPending(trx: TenantDb, pending: PendingRows): Promise<void> {
  const parts: { table: RuleWriteTable; rows: Record<string, unknown>[] }[] = [];
  for (const table of Object.keys(pending) as RuleWriteTable[]) {
    const rows = pending[table];
    for (let i = 0; i < rows.length; i += UNNEST_CHUNK) parts.push({ table, rows: rows.slice(i, i + UNNEST_CHUNK) });
  }
  const last = parts.pop();
  if (!last) return;
  let q = trx as TenantDb;
  parts.forEach((p, i) => {
    q = q.with(`w${i}`, (db) => db.insertInto(p.table).columns(Object.keys(RULE_WRITE_COLUMNS[p.table]) as never).expression(unnestSelect(p.table, p.rows) as never)) as unknown as TenantDb;
  });
  await q.insertInto(last.table).columns(Object.keys(RULE_WRITE_COLUMNS[last.table]) as never).expression(unnestSelect(last.table, last.rows) as never).execute();
}
