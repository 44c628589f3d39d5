import { sql, type Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { AuditTables } from "@/db/types/audit";
import { canonicalAfterSeq, type ChainedFields } from "./canonical";

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

/**
 * ONE statement: lock the chain head, compute the next seq and hash in the database, move the head
 * and insert the row. The hash is the same sha256(prev_hash ‖ canonical row) as chainHash() (the
 * canonical row is a JSON array whose first element is the seq, so the application sends the rest and
 * the database puts `["<seq>",` in front). The head stays locked from this statement to COMMIT only.
 */
async function appendToChain(trx: Kysely<AuditTables>, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const row: ChainedFields = {
    id: uuidv7(),
    seq: "0", // assigned in the statement
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
  const { prefix, rest } = canonicalAfterSeq(row);
  await trx
    .with("head", (qb) => qb.selectFrom("audit_head").select(["seq", "hash"]).where("id", "=", 1).forUpdate())
    .with("next", (qb) =>
      qb
        .selectFrom("head")
        .select([
          sql<string>`head.seq + 1`.as("seq"),
          "head.hash as prev_hash",
          sql<string>`encode(sha256(convert_to(head.hash || ${prefix} || (head.seq + 1)::text || ${rest}, 'UTF8')), 'hex')`.as("hash"),
        ]),
    )
    .with("moved", (qb) => qb.updateTable("audit_head").from("next").set({ seq: sql`next.seq`, hash: sql`next.hash` }).where("id", "=", 1))
    .insertInto("audit_events")
    .values({
      ...row,
      seq: sql`(select seq from next)`,
      outcome: row.outcome as AuditOutcome,
      details: JSON.stringify(row.details),
      prev_hash: sql`(select prev_hash from next)`,
      hash: sql`(select hash from next)`,
    })
    .execute();
}

/** For events that have no surrounding work (sign-in failures, permission denials): its own transaction. */
export async function recordAuditStandalone(db: Kysely<any>, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await (db as unknown as Kysely<AuditTables>).transaction().execute((trx) => recordAudit(trx, actor, entry));
}

