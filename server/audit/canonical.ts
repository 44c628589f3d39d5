import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level, so jsonb round-trips hash the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export interface ChainedFields {
  id: string;
  seq: string;
  occurred_at: Date;
  tenant_id: string | null;
  actor_user_id: string | null;
  actor_role: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  patient_id: string | null;
  purpose: string | null;
  outcome: string;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: Record<string, unknown>;
}

function canonicalRow(row: ChainedFields): string {
  return canonicalJson([
    row.seq,
    row.id,
    row.occurred_at.toISOString(),
    row.tenant_id,
    row.actor_user_id,
    row.actor_role,
    row.action,
    row.resource_type,
    row.resource_id,
    row.patient_id,
    row.purpose,
    row.outcome,
    row.request_id,
    row.ip,
    row.user_agent,
    row.details,
  ]);
}

/** hash = sha256(prev_hash ‖ canonical row), hex. */
export function chainHash(prevHash: string, row: ChainedFields): string {
  return createHash("sha256").update(prevHash).update(canonicalRow(row)).digest("hex");
}

/**
 * The canonical row split around its seq, for writers that learn the seq only in the database:
 * canonical row = `["` ‖ seq ‖ rest (the seq is a string of digits: JSON adds only its quotes).
 */
export function canonicalAfterSeq(row: ChainedFields): { prefix: string; rest: string } {
  const prefix = '["';
  return { prefix, rest: canonicalRow({ ...row, seq: "" }).slice(prefix.length) };
}
