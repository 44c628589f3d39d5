import type { Kysely } from "kysely";
import type { AuditTables } from "@/db/types/audit";
import { chainHash } from "./canonical";

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** First seq whose stored hash, prev_hash or position does not match the recomputed chain. */
  firstBrokenSeq: string | null;
  reason: string | null;
}

const GENESIS = "0".repeat(64);
const BATCH = 1000;

/** Recomputes the whole chain of one schema in seq order and names the first broken row. */
export async function verifyAuditChain(handle: Kysely<any>): Promise<ChainVerification> {
  const db = handle as unknown as Kysely<AuditTables>;
  let prevHash = GENESIS;
  let expectedSeq = 1n;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_events")
      .selectAll()
      .where("seq", ">=", String(expectedSeq))
      .orderBy("seq")
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const broken = (reason: string): ChainVerification => ({ ok: false, checked, firstBrokenSeq: String(row.seq), reason });
      if (BigInt(row.seq) !== expectedSeq) return { ok: false, checked, firstBrokenSeq: String(expectedSeq), reason: "missing row" };
      if (row.prev_hash !== prevHash) return broken("prev_hash does not match the previous row");
      const recomputed = chainHash(prevHash, { ...row, seq: String(row.seq) });
      if (recomputed !== row.hash) return broken("row content does not match its hash");
      prevHash = row.hash;
      expectedSeq += 1n;
      checked += 1;
    }
    if (rows.length < BATCH) break;
  }
  const head = await db.selectFrom("audit_head").select(["seq", "hash"]).where("id", "=", 1).executeTakeFirst();
  if (!head || BigInt(head.seq) !== expectedSeq - 1n || head.hash !== prevHash) {
    return { ok: false, checked, firstBrokenSeq: String(expectedSeq), reason: "chain head does not match the last row (rows removed?)" };
  }
  return { ok: true, checked, firstBrokenSeq: null, reason: null };
}
