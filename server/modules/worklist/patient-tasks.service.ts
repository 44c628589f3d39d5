import { recordAudit } from "@/server/audit/record";
import { inPatientTransaction, loadPatientInScope, staffNames, type PatientContext } from "@/server/modules/patient/patient-context";

/**
 * The open worklist tasks of one patient (onboarding, follow-up, rule tasks), due first, with their
 * assignee; for the patient page, so the manager sees "complete the health record" and "first contact
 * within 48 h" right after a card is opened. Out-of-scope patients are NOT_FOUND (audited).
 */
export async function openTasksForPatient(ctx: PatientContext, patientId: string) {
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, patientId, "worklist.forPatient");
    const rows = await trx
      .selectFrom("worklist_tasks")
      .select(["id", "kind", "due_at", "created_at", "assignee_user_id", "plan_id"])
      .where("patient_id", "=", patientId)
      .where("status", "=", "open")
      .orderBy("due_at", "asc")
      .orderBy("id", "asc")
      .limit(100)
      .execute();
    const names = await staffNames(ctx, trx, rows.map((r) => r.assignee_user_id));
    await recordAudit(trx, ctx.actor, { action: "worklist.patient_view", resourceType: "patient", resourceId: patientId, patientId, purpose: "care" });
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      dueAt: r.due_at,
      createdAt: r.created_at,
      fromPlan: r.plan_id !== null,
      assignee: r.assignee_user_id ? { id: r.assignee_user_id, name: names.get(r.assignee_user_id) ?? "—" } : null,
      mine: r.assignee_user_id === ctx.actor.userId,
    }));
  });
}
