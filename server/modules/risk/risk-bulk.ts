import type { DatabaseHandle } from "@/db/client";
import type { TenantDb } from "@/db/tenant";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { getTenantKeyring } from "@/server/crypto/tenant-keys";
import { evaluatePatients } from "./risk-evaluation";

export const BULK_PAGE = 2000;

/**
 * Re-assesses patients of one tenant without a signed-in caller (background job, CLI, benchmark):
 * keyset pages of BULK_PAGE patients, one transaction per page, one audit event per page naming the
 * trigger and the count (the per-patient rows are the assessments themselves, which carry the trigger).
 * `patientIds` limits the run (e.g. the patients of one import); without it every active patient.
 */
export async function reassessTenant(
  database: DatabaseHandle,
  tenant: { id: string; db: TenantDb },
  opts: { trigger: string; actor: AuditActor; patientIds?: string[]; asOf?: Date },
): Promise<{ patients: number; written: number }> {
  const ring = await getTenantKeyring(database.control, tenant.id);
  const asOf = opts.asOf ?? new Date();
  let after: string | null = null;
  let patients = 0;
  let written = 0;
  for (;;) {
    const page = await tenant.db.transaction().execute(async (trx) => {
      let q = trx.selectFrom("patients").select(["id", "sex", "birth_date", "key_sealed"]).where("status", "=", "active").orderBy("id").limit(BULK_PAGE);
      if (after) q = q.where("id", ">", after);
      if (opts.patientIds) q = q.where("id", "in", opts.patientIds.length ? opts.patientIds : ["00000000-0000-0000-0000-000000000000"]);
      const rows = await q.execute();
      if (rows.length === 0) return null;
      const outcome = await evaluatePatients(trx, ring, tenant.id, rows, { trigger: opts.trigger, actor: opts.actor, asOf });
      await recordAudit(trx, opts.actor, { action: "risk.reassess", resourceType: "risk_assessment", purpose: "care", details: { trigger: opts.trigger, patients: rows.length, written: outcome.written } });
      return { last: rows[rows.length - 1]!.id, count: rows.length, written: outcome.written };
    });
    if (!page) break;
    patients += page.count;
    written += page.written;
    after = page.last;
    if (page.count < BULK_PAGE) break;
  }
  return { patients, written };
}
