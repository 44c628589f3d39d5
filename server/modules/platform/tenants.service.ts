import { TRPCError } from "@trpc/server";
import type { DatabaseHandle } from "@/db/client";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { addStaff } from "@/server/modules/staff/staff.service";
import { provisionTenant, TenantExistsError, type NewTenant } from "@/server/tenancy/provision";
import { systemTenantAccess } from "@/server/tenancy/resolve";

export async function listTenants(database: DatabaseHandle) {
  const rows = await database.control
    .selectFrom("tenants as t")
    .leftJoin("memberships as m", (j) => j.onRef("m.tenant_id", "=", "t.id").on("m.status", "=", "active"))
    .select((eb) => ["t.id", "t.slug", "t.name", "t.name_en", "t.time_zone", "t.status", "t.created_at", eb.fn.count<string>("m.id").as("staff")])
    .groupBy("t.id")
    .orderBy("t.created_at")
    .execute();
  return rows.map((r) => ({ ...r, staff: Number(r.staff) }));
}

export async function createTenant(database: DatabaseHandle, actor: AuditActor, input: NewTenant) {
  try {
    return await provisionTenant(database, input, actor);
  } catch (error) {
    if (error instanceof TenantExistsError) throw new TRPCError({ code: "CONFLICT", message: "errors.tenantExists" });
    throw error;
  }
}

/** Suspension blocks every sign-in and API call of the tenant on the very next request. */
export async function setTenantStatus(database: DatabaseHandle, actor: AuditActor, slug: string, status: "active" | "suspended") {
  return database.control.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("tenants")
      .set({ status, updated_at: new Date() })
      .where("slug", "=", slug)
      .returning(["id", "slug", "status"])
      .executeTakeFirst();
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    await recordAudit(trx, actor, {
      action: status === "suspended" ? "tenant.suspend" : "tenant.resume",
      resourceType: "tenant",
      resourceId: row.id,
    });
    return row;
  });
}

export interface NewTenantAdmin {
  slug: string;
  email: string;
  displayName?: string;
  initialPassword?: string;
}

/**
 * Appoints a tenant administrator (a new account, or an existing one by e-mail): how a freshly
 * provisioned organisation gets its first member. Recorded in the tenant's own audit chain.
 */
export async function addTenantAdmin(
  database: DatabaseHandle,
  actor: AuditActor,
  operatorId: string,
  locale: "zh-CN" | "en",
  input: NewTenantAdmin,
) {
  const access = await systemTenantAccess(database, input.slug);
  if (!access) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  return addStaff(
    { db: access.db, tenant: access.tenant, actor: { ...actor, tenantId: access.tenant.id }, user: { id: operatorId }, locale },
    { email: input.email, role: "tenant_admin", displayName: input.displayName, initialPassword: input.initialPassword },
  );
}
