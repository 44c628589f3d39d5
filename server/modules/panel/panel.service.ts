import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit } from "@/server/audit/record";
import {
  activeHealthManagers,
  addTimelineEvent,
  badInput,
  inPatientTransaction,
  OutOfScope,
  requireHealthManager,
  seesAllPatients,
  type PatientContext,
} from "@/server/modules/patient/patient-context";

/** Onboarding tasks created for the panel owner when a card is opened (kind → due after). */
export const ONBOARDING_TASKS = [
  { kind: "complete_health_record", dueHours: 7 * 24 },
  { kind: "first_contact", dueHours: 48 },
] as const;

/**
 * The health manager with the fewest active patients among the department's staff (department_staff
 * ∩ active health-manager memberships); all active health managers when no department is chosen.
 * Ties go to the lowest user id, so the choice is deterministic. Null when there is no candidate.
 */
export async function chooseManager(ctx: PatientContext, trx: TenantDb, departmentId: string | null): Promise<{ id: string; name: string } | null> {
  let candidates: { id: string; name: string }[];
  if (departmentId) {
    const staff = await trx.selectFrom("department_staff").select("user_id").where("department_id", "=", departmentId).execute();
    candidates = await activeHealthManagers(ctx, trx, staff.map((s) => s.user_id));
  } else {
    candidates = await activeHealthManagers(ctx, trx);
  }
  if (candidates.length === 0) return null;
  const counts = await trx
    .selectFrom("patients")
    .select(["manager_user_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("status", "=", "active")
    .where("manager_user_id", "in", candidates.map((c) => c.id))
    .groupBy("manager_user_id")
    .execute();
  const load = new Map(counts.map((c) => [c.manager_user_id!, Number(c.n)]));
  return [...candidates].sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id.localeCompare(b.id))[0]!;
}

async function setManager(ctx: PatientContext, trx: TenantDb, patientId: string, from: string | null, to: string | null, reason: string) {
  await trx.updateTable("patients").set({ manager_user_id: to, updated_at: new Date() }).where("id", "=", patientId).execute();
  await trx
    .insertInto("patient_assignments")
    .values({ id: uuidv7(), patient_id: patientId, from_user_id: from, to_user_id: to, reason, actor_user_id: ctx.actor.userId })
    .execute();
  await addTimelineEvent(trx, ctx, patientId, "panel.assigned", { fromUserId: from, toUserId: to });
  // Open tasks follow the patient to the new manager.
  await trx.updateTable("worklist_tasks").set({ assignee_user_id: to }).where("patient_id", "=", patientId).where("status", "=", "open").execute();
}

/** Assigns a new patient and creates the onboarding tasks; returns the task ids. */
export async function assignOnboarding(ctx: PatientContext, trx: TenantDb, patientId: string, managerId: string | null, reason: string): Promise<string[]> {
  if (managerId) await setManager(ctx, trx, patientId, null, managerId, reason);
  const now = Date.now();
  const ids: string[] = [];
  for (const t of ONBOARDING_TASKS) {
    const id = uuidv7();
    ids.push(id);
    await trx
      .insertInto("worklist_tasks")
      .values({ id, assignee_user_id: managerId, patient_id: patientId, kind: t.kind, due_at: new Date(now + t.dueHours * 3600_000) })
      .execute();
  }
  return ids;
}

/** Reassigns the given patients (all must be in the caller's scope) to an active health manager. */
export async function reassign(ctx: PatientContext, input: { patientIds: string[]; toUserId: string; reason: string }) {
  await requireHealthManager(ctx, ctx.db, input.toUserId);
  const ids = [...new Set(input.patientIds)];
  return inPatientTransaction(ctx, async (trx) => {
    let q = trx.selectFrom("patients").select(["id", "manager_user_id"]).where("id", "in", ids);
    if (!seesAllPatients(ctx)) q = q.where("manager_user_id", "=", ctx.actor.userId);
    const rows = await q.execute();
    if (rows.length !== ids.length) throw new OutOfScope(ids.find((id) => !rows.some((r) => r.id === id))!, "panel.reassign");
    for (const r of rows) {
      if (r.manager_user_id === input.toUserId) continue;
      await setManager(ctx, trx, r.id, r.manager_user_id, input.toUserId, input.reason);
      await recordAudit(trx, ctx.actor, {
        action: "panel.reassign",
        resourceType: "patient",
        resourceId: r.id,
        patientId: r.id,
        purpose: input.reason,
        details: { fromUserId: r.manager_user_id, toUserId: input.toUserId },
      });
    }
    return { moved: rows.filter((r) => r.manager_user_id !== input.toUserId).length };
  });
}

/** Moves a whole panel (e.g. when a manager leaves). The source may be a former member. */
export async function reassignPanel(ctx: PatientContext, input: { fromUserId: string; toUserId: string; reason: string }) {
  const formerMember = await ctx.database.control.selectFrom("memberships").select("id").where("tenant_id", "=", ctx.tenant.id).where("user_id", "=", input.fromUserId).executeTakeFirst();
  if (!formerMember) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  await requireHealthManager(ctx, ctx.db, input.toUserId);
  if (input.fromUserId === input.toUserId) throw badInput("managerInvalid");
  return ctx.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("patients").select(["id"]).where("manager_user_id", "=", input.fromUserId).execute();
    for (const r of rows) await setManager(ctx, trx, r.id, input.fromUserId, input.toUserId, input.reason);
    await recordAudit(trx, ctx.actor, {
      action: "panel.reassign_all",
      resourceType: "panel",
      resourceId: input.fromUserId,
      purpose: input.reason,
      details: { toUserId: input.toUserId, patientIds: rows.map((r) => r.id) },
    });
    return { moved: rows.length };
  });
}

export async function setDepartmentStaff(ctx: PatientContext, input: { departmentId: string; userIds: string[] }) {
  const dep = await ctx.db.selectFrom("departments").select("id").where("id", "=", input.departmentId).executeTakeFirst();
  if (!dep) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  const members = await ctx.database.control
    .selectFrom("memberships")
    .select("user_id")
    .where("tenant_id", "=", ctx.tenant.id)
    .where("status", "=", "active")
    .where("user_id", "in", input.userIds.length ? input.userIds : ["00000000-0000-0000-0000-000000000000"])
    .execute();
  if (members.length !== new Set(input.userIds).size) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  return ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom("department_staff").where("department_id", "=", input.departmentId).execute();
    if (members.length) await trx.insertInto("department_staff").values(members.map((m) => ({ department_id: input.departmentId, user_id: m.user_id }))).execute();
    await recordAudit(trx, ctx.actor, { action: "department.staff_set", resourceType: "department", resourceId: input.departmentId, details: { userIds: members.map((m) => m.user_id) } });
    return { departmentId: input.departmentId, userIds: members.map((m) => m.user_id) };
  });
}

/** Health managers with their active patient counts (for pickers and load views). */
export async function listManagers(ctx: PatientContext, departmentId: string | null) {
  let managers = await activeHealthManagers(ctx, ctx.db);
  if (departmentId) {
    if (!(await ctx.db.selectFrom("departments").select("id").where("id", "=", departmentId).executeTakeFirst())) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    const staff = new Set((await ctx.db.selectFrom("department_staff").select("user_id").where("department_id", "=", departmentId).execute()).map((s) => s.user_id));
    managers = managers.filter((m) => staff.has(m.id));
  }
  if (managers.length === 0) return [];
  const counts = await ctx.db
    .selectFrom("patients")
    .select(["manager_user_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("status", "=", "active")
    .where("manager_user_id", "in", managers.map((m) => m.id))
    .groupBy("manager_user_id")
    .execute();
  const load = new Map(counts.map((c) => [c.manager_user_id!, Number(c.n)]));
  return managers.map((m) => ({ id: m.id, name: m.name, activePatients: load.get(m.id) ?? 0 }));
}

/**
 * Everyone who currently owns active patients, with counts and whether they are still an active member:
 * the "from" side of a handover, so a manager who has left (deactivated) can still be emptied.
 */
export async function listPanelOwners(ctx: PatientContext) {
  const counts = await ctx.db
    .selectFrom("patients")
    .select(["manager_user_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("status", "=", "active")
    .where("manager_user_id", "is not", null)
    .groupBy("manager_user_id")
    .execute();
  if (counts.length === 0) return [];
  const members = await ctx.database.control
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.display_name", "m.status as membership", "u.status as account"])
    .where("m.tenant_id", "=", ctx.tenant.id)
    .where("u.id", "in", counts.map((c) => c.manager_user_id!))
    .execute();
  const byId = new Map(members.map((m) => [m.id, m]));
  return counts
    .flatMap((c) => {
      const m = byId.get(c.manager_user_id!);
      return m ? [{ id: m.id, name: m.display_name, activePatients: Number(c.n), active: m.membership === "active" && m.account === "active" }] : [];
    })
    .sort((a, b) => Number(a.active) - Number(b.active) || a.name.localeCompare(b.name, "zh-CN"));
}
