import type { DatabaseHandle } from "@/db/client";
import { forTenant, isValidTenantSlug, type TenantDb } from "@/db/tenant";
import { isTenantRole, type TenantRole } from "@/server/shared/permissions";

export interface ResolvedTenant {
  id: string;
  slug: string;
  name: string;
  nameEn: string | null;
  timeZone: string;
  status: "active" | "suspended";
}

export interface TenantAccess {
  tenant: ResolvedTenant;
  role: TenantRole;
  db: TenantDb;
}

export type TenantAccessResult =
  | { ok: true; access: TenantAccess }
  | { ok: false; reason: "not_found" | "suspended" };

/** The tenant and membership columns the gate reads (from its own query or joined to the session row). */
export interface TenantMembershipRow {
  id: string;
  slug: string;
  name: string;
  name_en: string | null;
  time_zone: string;
  status: "active" | "suspended";
  role: string;
}

/**
 * The gate's verdict on a row of control.tenants joined with the caller's ACTIVE membership there
 * (undefined: unknown slug or not a member — they look the same to the caller).
 */
export function tenantAccessFromRow(handle: DatabaseHandle, row: TenantMembershipRow | undefined): TenantAccessResult {
  if (!row || !isTenantRole(row.role)) return { ok: false, reason: "not_found" };
  if (row.status === "suspended") return { ok: false, reason: "suspended" };
  return {
    ok: true,
    access: {
      tenant: { id: row.id, slug: row.slug, name: row.name, nameEn: row.name_en, timeZone: row.time_zone, status: row.status },
      role: row.role,
      // The slug came from the row just read, never from the request.
      db: forTenant(handle.unsafeRoot, row.slug),
    },
  };
}

/**
 * The gate to tenant data: the slug must exist in control.tenants and the user must hold an
 * active membership there. Unknown slug and "not a member" look the same to the caller.
 * (HTTP requests get the same verdict from the session query itself: see loadSessionUser.)
 */
export async function resolveTenantAccess(handle: DatabaseHandle, slug: unknown, userId: string): Promise<TenantAccessResult> {
  if (!isValidTenantSlug(slug)) return { ok: false, reason: "not_found" };
  const row = await handle.control
    .selectFrom("tenants as t")
    .innerJoin("memberships as m", "m.tenant_id", "t.id")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["t.id", "t.slug", "t.name", "t.name_en", "t.time_zone", "t.status", "m.role"])
    .where("t.slug", "=", slug)
    .where("m.user_id", "=", userId)
    .where("m.status", "=", "active")
    .where("u.status", "=", "active")
    .executeTakeFirst();
  return tenantAccessFromRow(handle, row);
}

/**
 * Platform-side access to one tenant schema without a membership, for the few operator actions
 * that concern the organisation itself (e.g. appointing its first administrator) — never patient data.
 * The slug is checked against control.tenants; the schema name comes from the stored row.
 */
export async function systemTenantAccess(handle: DatabaseHandle, slug: unknown): Promise<{ tenant: ResolvedTenant; db: TenantDb } | null> {
  if (!isValidTenantSlug(slug)) return null;
  const row = await handle.control
    .selectFrom("tenants")
    .select(["id", "slug", "name", "name_en", "time_zone", "status"])
    .where("slug", "=", slug)
    .executeTakeFirst();
  if (!row) return null;
  return {
    tenant: { id: row.id, slug: row.slug, name: row.name, nameEn: row.name_en, timeZone: row.time_zone, status: row.status },
    db: forTenant(handle.unsafeRoot, row.slug),
  };
}
