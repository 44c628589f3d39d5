import type { DatabaseHandle } from "@/db/client";
import type { TenantDb } from "@/db/tenant";
import * as repo from "./dashboard.repository";

export interface DashboardTenantContext {
  database: DatabaseHandle;
  db: TenantDb;
  tenant: { id: string };
}

export function staffCount(ctx: DashboardTenantContext) {
  return repo.countActiveStaff(ctx.database, ctx.tenant.id);
}

export function departmentCount(ctx: DashboardTenantContext) {
  return repo.countDepartments(ctx.db);
}

export async function mySecurity(database: DatabaseHandle, userId: string) {
  const s = await repo.accountSecurity(database, userId, new Date());
  return { mfaEnrolled: s.mfaEnrolledAt !== null, mfaEnrolledAt: s.mfaEnrolledAt, lastSignInAt: s.lastSignInAt, activeSessions: s.activeSessions };
}

export async function actorNames(ctx: DashboardTenantContext, ids: string[]) {
  const rows = await repo.memberNames(ctx.database, ctx.tenant.id, [...new Set(ids)]);
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}
