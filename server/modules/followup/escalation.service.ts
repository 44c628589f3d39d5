import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { escalationCutoff, escalationTarget } from "./rules/escalation";
import { loadFollowupSettings } from "./settings.service";

/** Upper bound per run and tenant; the next run picks up the rest. */
const BATCH = 500;

function systemActor(tenantId: string): AuditActor {
  return { userId: null, role: "system", tenantId, requestId: "followup-escalation", ip: null, userAgent: null };
}

/**
 * Escalates the open tasks of one tenant that have been overdue longer than the configured delay to
 * the lead of the patient's department (timeline + audit per task, one transaction). Idempotent:
 * `escalated_at` is set once and such tasks are never picked again; concurrent runs skip locked rows.
 * A task whose department has no lead (or whose lead holds it) is marked escalated with no recipient,
 * so the worklist shows it and the sweep does not revisit it.
 */
export async function escalateOverdueTasks(db: TenantDb, tenantId: string, now = new Date()): Promise<{ escalated: number; toLead: number }> {
  return db.transaction().execute(async (trx) => {
    const settings = await loadFollowupSettings(trx);
    const rows = await trx
      .selectFrom("worklist_tasks as w")
      .innerJoin("patients as p", "p.id", "w.patient_id")
      .leftJoin("departments as d", "d.id", "p.department_id")
      .select(["w.id", "w.patient_id", "w.kind", "w.due_at", "w.assignee_user_id", "d.lead_user_id"])
      .where("w.status", "=", "open")
      .where("w.escalated_at", "is", null)
      .where("w.due_at", "<=", escalationCutoff(now, settings.escalateAfterHours))
      .orderBy("w.due_at")
      .limit(BATCH)
      .forUpdate("w")
      .skipLocked()
      .execute();
    const actor = systemActor(tenantId);
    let toLead = 0;
    for (const row of rows) {
      const to = escalationTarget(row.lead_user_id, row.assignee_user_id);
      if (to) toLead += 1;
      await trx.updateTable("worklist_tasks").set({ escalated_at: now, escalated_to_user_id: to }).where("id", "=", row.id).execute();
      await trx
        .insertInto("patient_events")
        .values({ id: uuidv7(), patient_id: row.patient_id, kind: "task.escalated", actor_user_id: null, details: JSON.stringify({ taskId: row.id, kind: row.kind, to }) })
        .execute();
      await recordAudit(trx, actor, {
        action: "followup.escalate",
        resourceType: "worklist_task",
        resourceId: row.id,
        patientId: row.patient_id,
        purpose: "care",
        details: { kind: row.kind, to, dueAt: row.due_at?.toISOString() ?? null, afterHours: settings.escalateAfterHours },
      });
    }
    return { escalated: rows.length, toLead };
  });
}
