import { TRPCError } from "@trpc/server";
import { recordAudit } from "@/server/audit/record";
import { addTimelineEvent, keyring, openPatientField, patientKey, type PatientContext } from "@/server/modules/patient/patient-context";
import { maskName } from "@/server/modules/patient/rules/masking";
import { evaluateAfterChange } from "@/server/modules/rules/evaluate-after-change";

/** The caller's own tasks (open by default), due first, with the patient's masked name. */
export async function myTasks(ctx: PatientContext, input: { status: "open" | "done" | "cancelled"; limit: number }) {
  const ring = await keyring(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("worklist_tasks as w")
      .innerJoin("patients as p", "p.id", "w.patient_id")
      .select(["w.id", "w.kind", "w.status", "w.due_at", "w.created_at", "w.completed_at", "w.patient_id", "p.key_sealed", "p.name_sealed"])
      .where("w.assignee_user_id", "=", ctx.actor.userId)
      .where("w.status", "=", input.status)
      .orderBy("w.due_at", "asc")
      .orderBy("w.id", "asc")
      .limit(input.limit)
      .execute();
    await recordAudit(trx, ctx.actor, { action: "worklist.view", resourceType: "worklist", purpose: "care", details: { patientIds: [...new Set(rows.map((r) => r.patient_id))] } });
    return rows.map((r) => {
      const name = openPatientField(ctx, patientKey(ring, r.patient_id, r.key_sealed), "name", r.patient_id, r.name_sealed);
      return {
        id: r.id,
        kind: r.kind,
        status: r.status,
        dueAt: r.due_at,
        createdAt: r.created_at,
        completedAt: r.completed_at,
        patient: { id: r.patient_id, nameMasked: name ? maskName(name) : "***" },
      };
    });
  });
}

/** Completes one of the caller's own open tasks; a first-contact task also stamps the patient's last contact. */
export async function completeTask(ctx: PatientContext, taskId: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const task = await trx
      .selectFrom("worklist_tasks")
      .select(["id", "patient_id", "kind", "status"])
      .where("id", "=", taskId)
      .where("assignee_user_id", "=", ctx.actor.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!task) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    if (task.status !== "open") throw new TRPCError({ code: "CONFLICT", message: "errors.taskNotOpen" });
    const now = new Date();
    await trx.updateTable("worklist_tasks").set({ status: "done", completed_at: now }).where("id", "=", taskId).execute();
    if (task.kind === "first_contact") {
      await trx.updateTable("patients").set({ last_contact_at: now }).where("id", "=", task.patient_id).execute();
      await evaluateAfterChange(trx, ctx, [task.patient_id]);
    }
    await addTimelineEvent(trx, ctx, task.patient_id, "task.completed", { taskId, kind: task.kind });
    await recordAudit(trx, ctx.actor, { action: "worklist.complete", resourceType: "worklist_task", resourceId: taskId, patientId: task.patient_id, details: { kind: task.kind } });
    return { id: taskId, status: "done" as const };
  });
}
