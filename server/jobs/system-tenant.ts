import type { DatabaseHandle } from "@/db/client";
import { forTenant, type TenantDb } from "@/db/tenant";

/**
 * Background work has no signed-in caller: it reaches a tenant through the tenant id carried by the
 * event, resolved against `control.tenants` (never a schema name taken from the payload).
 */
export interface SystemTenant {
  id: string;
  slug: string;
  timeZone: string;
  status: "active" | "suspended";
  db: TenantDb;
}

export async function systemTenantById(database: DatabaseHandle, tenantId: string): Promise<SystemTenant | null> {
  const row = await database.control.selectFrom("tenants").select(["id", "slug", "time_zone", "status"]).where("id", "=", tenantId).executeTakeFirst();
  return row ? toSystemTenant(database, row) : null;
}

/** Every tenant, for sweeps that visit each schema in turn (never one query across schemas). */
export async function systemTenants(database: DatabaseHandle): Promise<SystemTenant[]> {
  const rows = await database.control.selectFrom("tenants").select(["id", "slug", "time_zone", "status"]).orderBy("id").execute();
  return rows.map((row) => toSystemTenant(database, row));
}

function toSystemTenant(database: DatabaseHandle, row: { id: string; slug: string; time_zone: string; status: string }): SystemTenant {
  return {
    id: row.id,
    slug: row.slug,
    timeZone: row.time_zone,
    status: row.status === "suspended" ? "suspended" : "active",
    db: forTenant(database.unsafeRoot, row.slug),
  };
}
