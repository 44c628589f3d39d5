import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { Kysely } from "kysely";
import type { TenantDb } from "@/db/tenant";
import type { ControlDatabase } from "@/db/types/control";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import * as repo from "./department.repository";

export interface DepartmentContext {
  db: TenantDb;
  actor: AuditActor;
}

export function getDepartment({ db }: DepartmentContext, id: string) {
  return repo.findDepartmentById(db, id).then((row) => {
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    return row;
  });
}

/** The control schema on the same connection (one transaction; PGlite has only one connection). */
function control(db: TenantDb): Kysely<ControlDatabase> {
  return db.withSchema("control") as unknown as Kysely<ControlDatabase>;
}

/** Departments with their lead's display name (staff names are visible to anyone who sees departments). */
export async function listDepartments({ db }: DepartmentContext) {
  const rows = await repo.listDepartments(db);
  const leadIds = [...new Set(rows.map((r) => r.lead_user_id).filter((id): id is string => id !== null))];
  const names = leadIds.length
    ? new Map((await control(db).selectFrom("users").select(["id", "display_name"]).where("id", "in", leadIds).execute()).map((u) => [u.id, u.display_name]))
    : new Map<string, string>();
  return rows.map((r) => ({ ...r, lead_name: r.lead_user_id ? (names.get(r.lead_user_id) ?? null) : null }));
}

export function createDepartment({ db, actor }: DepartmentContext, input: { name: string; nameEn?: string | null }) {
  return db.transaction().execute(async (trx) => {
    const row = await repo.insertDepartment(trx, { id: uuidv7(), name: input.name, name_en: input.nameEn ?? null, lead_user_id: null });
    await recordAudit(trx, actor, { action: "department.create", resourceType: "department", resourceId: row.id });
    return row;
  });
}

export function renameDepartment({ db, actor }: DepartmentContext, input: { id: string; name: string; nameEn?: string | null }) {
  return db.transaction().execute(async (trx) => {
    const row = await repo.updateDepartment(trx, input.id, { name: input.name, name_en: input.nameEn ?? null });
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    await recordAudit(trx, actor, { action: "department.update", resourceType: "department", resourceId: row.id });
    return row;
  });
}

/**
 * Sets (or clears, with null) the department lead: the person overdue 重要异常结果 items of the
 * department's patients escalate to. The lead must be an active staff member of this tenant.
 */
export function setDepartmentLead({ db, actor }: DepartmentContext, input: { id: string; leadUserId: string | null; tenantId: string }) {
  return db.transaction().execute(async (trx) => {
    const before = await repo.findDepartmentById(trx, input.id);
    if (!before) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    let leadName: string | null = null;
    if (input.leadUserId) {
      const member = await control(trx)
        .selectFrom("memberships as m")
        .innerJoin("users as u", "u.id", "m.user_id")
        .select("u.display_name")
        .where("m.tenant_id", "=", input.tenantId)
        .where("m.user_id", "=", input.leadUserId)
        .where("m.status", "=", "active")
        .where("u.status", "=", "active")
        .executeTakeFirst();
      if (!member) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.departmentLeadNotStaff" });
      leadName = member.display_name;
    }
    const row = (await repo.updateDepartment(trx, input.id, { lead_user_id: input.leadUserId }))!;
    await recordAudit(trx, actor, { action: "department.set_lead", resourceType: "department", resourceId: row.id, details: { from: before.lead_user_id, to: input.leadUserId } });
    return { ...row, lead_name: leadName };
  });
}
