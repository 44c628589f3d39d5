import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
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

export function listDepartments({ db }: DepartmentContext) {
  return repo.listDepartments(db);
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
