import type { ColumnType, Generated } from "kysely";

/** The same audit table shape lives in `control` and in every tenant schema. */
export interface AuditEventsTable {
  id: string;
  seq: ColumnType<string, string | number, never>;
  occurred_at: ColumnType<Date, Date, never>;
  tenant_id: string | null;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  patient_id: string | null;
  purpose: string | null;
  outcome: "success" | "denied" | "failure";
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: ColumnType<number, number, never>;
  seq: ColumnType<string, string | number, string | number>;
  hash: string;
}

export type AuditTables = {
  audit_events: AuditEventsTable;
  audit_head: AuditHeadTable;
};

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** A column with a database default: optional on insert. */
export type WithDefault<T> = ColumnType<T, T | undefined, T>;
export type { Generated };
