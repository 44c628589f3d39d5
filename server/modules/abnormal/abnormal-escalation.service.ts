import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { escalationsDue } from "./rules/escalation";

/** Upper bound per run and tenant; the next run picks up the rest. */
const BATCH = 500;

function systemActor(tenantId: string): AuditActor {
  return { userId: null, role: "system", tenantId, requestId: "abnormal-escalation", ip: null, userAgent: null };
}

/**
 * Escalates every open, overdue, not-yet-escalated item of one tenant to the lead of the patient's
 * department, recording history, a timeline entry and an audit event in one transaction.
 * Idempotent: an escalated item has `escalated_at` set and is never picked again; concurrent runs
 * skip rows another run has locked.
 */
export async function escalateOverdueItems(db: TenantDb, tenantId: string, now = new Date()): Promise<{ escalated: number }> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("abnormal_items as a")
      .leftJoin("departments as d", "d.id", "a.department_id")
      .select(["a.id", "a.patient_id", "a.class", "a.status", "a.due_at", "a.escalated_at", "a.responsible_user_id", "d.lead_user_id"])
      .where("a.status", "=", "open")
      .where("a.escalated_at", "is", null)
      .where("a.due_at", "<=", now)
      .orderBy("a.due_at")
      .limit(BATCH)
      .forUpdate("a")
      .skipLocked()
      .execute();
    const decisions = escalationsDue(
      rows.map((r) => ({ id: r.id, status: r.status, dueAt: r.due_at, escalatedAt: r.escalated_at, departmentLeadUserId: r.lead_user_id, responsibleUserId: r.responsible_user_id })),
      now,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const actor = systemActor(tenantId);
    for (const d of decisions) {
      const row = byId.get(d.itemId)!;
      await trx.updateTable("abnormal_items").set({ escalated_at: now, escalated_to_user_id: d.escalateToUserId }).where("id", "=", d.itemId).execute();
      await trx
        .insertInto("abnormal_item_events")
        .values({ id: uuidv7(), item_id: d.itemId, kind: "escalated", actor_user_id: null, details: JSON.stringify({ to: d.escalateToUserId, dueAt: row.due_at.toISOString() }) })
        .execute();
      await trx
        .insertInto("patient_events")
        .values({ id: uuidv7(), patient_id: row.patient_id, kind: "abnormal.escalated", actor_user_id: null, details: JSON.stringify({ itemId: d.itemId, class: row.class, to: d.escalateToUserId }) })
        .execute();
      await recordAudit(trx, actor, {
        action: "abnormal.escalate",
        resourceType: "abnormal_item",
        resourceId: d.itemId,
        patientId: row.patient_id,
        purpose: "care",
        details: { class: row.class, to: d.escalateToUserId },
      });
    }
    return { escalated: decisions.length };
  });
}
