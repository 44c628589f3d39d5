import type { Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { AuditTables } from "@/db/types/audit";
import { chainHash, type ChainedFields } from "./canonical";

export type AuditOutcome = "success" | "denied" | "failure";

/** Who is acting and from where; built once per request by the tRPC context. */
export interface AuditActor {
  userId: string | null;
  role: string | null;
  tenantId: string | null;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEntry {
  action: string;
  outcome?: AuditOutcome;
  resourceType?: string;
  resourceId?: string;
  patientId?: string;
  purpose?: string;
  details?: Record<string, unknown>;
}

/**
 * Appends one event to the schema's hash chain. Must run inside the transaction of the work it
 * records: if this insert fails, the work rolls back with it.
 */
export async function recordAudit(trx: Kysely<any>, actor: AuditActor, entry: AuditEntry): Promise<void> {
  if (!trx.isTransaction) throw new Error("recordAudit must run inside the transaction of the audited work");
  await appendToChain(trx as unknown as Kysely<AuditTables>, actor, entry);
}

/**
 * For the rare caller that opened its transaction by hand on one connection (tenant provisioning,
 * which must wrap CREATE SCHEMA and the migrator in the same BEGIN … COMMIT).
 */
export async function recordAuditInOpenTransaction(conn: Kysely<any>, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await appendToChain(conn as unknown as Kysely<AuditTables>, actor, entry);
}

async function appendToChain(trx: Kysely<AuditTables>, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const head = await trx
    .selectFrom("audit_head")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const row: ChainedFields = {
    id: uuidv7(),
    seq: String(BigInt(head.seq) + 1n),
    occurred_at: new Date(),
    tenant_id: actor.tenantId,
    actor_user_id: actor.userId,
    actor_role: actor.role,
    action: entry.action,
    resource_type: entry.resourceType ?? null,
    resource_id: entry.resourceId ?? null,
    patient_id: entry.patientId ?? null,
    purpose: entry.purpose ?? null,
    outcome: entry.outcome ?? "success",
    request_id: actor.requestId,
    ip: actor.ip,
    user_agent: actor.userAgent,
    details: entry.details ?? {},
  };
  const hash = chainHash(head.hash, row);
  await trx
    .insertInto("audit_events")
    .values({ ...row, outcome: row.outcome as AuditOutcome, details: JSON.stringify(row.details), prev_hash: head.hash, hash })
    .execute();
  await trx.updateTable("audit_head").set({ seq: row.seq, hash }).where("id", "=", 1).execute();
}

/** For events that have no surrounding work (sign-in failures, permission denials): its own transaction. */
export async function recordAuditStandalone(db: Kysely<any>, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await (db as unknown as Kysely<AuditTables>).transaction().execute((trx) => recordAudit(trx, actor, entry));
}

