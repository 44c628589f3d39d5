import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { evaluateAfterChange } from "@/server/modules/rules/evaluate-after-change";
import { isoDate } from "./patient-context";
import { isDueToExpire, todayIn } from "./rules/card-status";

/** Upper bound per run and tenant; the next run picks up the rest. */
const BATCH = 500;

function systemActor(tenantId: string): AuditActor {
  return { userId: null, role: "system", tenantId, requestId: "card-expiry", ip: null, userAgent: null };
}

/**
 * Turns every active or frozen card of one tenant whose validity ended before today (in the tenant's
 * time zone) to `expired`, with a timeline entry and an audit event per card, in one transaction.
 * Idempotent: an expired card is never picked again; concurrent runs skip rows another run has locked.
 */
export async function expireDueCards(db: TenantDb, tenant: { id: string; timeZone: string }, now = new Date()): Promise<{ expired: number; more: boolean }> {
  const today = todayIn(tenant.timeZone, now);
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom("member_cards")
      .select(["id", "patient_id", "status", "level", "valid_to"])
      .where("status", "in", ["active", "frozen"])
      .where("valid_to", "<", today)
      .orderBy("valid_to")
      .orderBy("id")
      .limit(BATCH + 1)
      .forUpdate()
      .skipLocked()
      .execute();
    // The query selects by the same rule; the pure check keeps the rule in one place if either changes.
    const page = due.slice(0, BATCH).filter((c) => isDueToExpire({ status: c.status, validTo: isoDate(c.valid_to)! }, today));
    if (page.length === 0) return { expired: 0, more: false };
    const actor = systemActor(tenant.id);
    await trx.updateTable("member_cards").set({ status: "expired", updated_at: now }).where("id", "in", page.map((c) => c.id)).execute();
    await trx
      .insertInto("patient_events")
      .values(page.map((c) => ({ id: uuidv7(), patient_id: c.patient_id, kind: "card.status_changed", actor_user_id: null, details: JSON.stringify({ cardId: c.id, level: c.level, from: c.status, to: "expired", by: "system" }) })))
      .execute();
    for (const c of page) {
      await recordAudit(trx, actor, { action: "card.expire", resourceType: "member_card", resourceId: c.id, patientId: c.patient_id, purpose: "card_management", details: { from: c.status, validTo: isoDate(c.valid_to), today } });
    }
    await evaluateAfterChange(trx, { tenantId: tenant.id, actor }, [...new Set(page.map((c) => c.patient_id))]);
    return { expired: page.length, more: due.length > BATCH };
  });
}
