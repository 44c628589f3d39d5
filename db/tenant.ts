import type { Kysely } from "kysely";
import type { TenantDatabase } from "./types/tenant";

/** The only accepted shape for a tenant slug; the schema name is derived from a validated slug alone. */
export const TENANT_SLUG_PATTERN = /^[a-z][a-z0-9-]{1,30}$/;

export function isValidTenantSlug(slug: unknown): slug is string {
  return typeof slug === "string" && TENANT_SLUG_PATTERN.test(slug);
}

/** `demo-clinic` → `t_demo_clinic`. Throws on anything that is not a valid slug. */
export function tenantSchemaName(slug: string): string {
  if (!isValidTenantSlug(slug)) throw new Error("Invalid tenant slug");
  return `t_${slug.replaceAll("-", "_")}`;
}

export type TenantDb = Kysely<TenantDatabase>;

/**
 * A Kysely handle bound to one tenant's schema. Callers must have verified the slug against
 * `control.tenants` (server/tenancy does); this function only guarantees the schema name is well-formed.
 */
export function forTenant(root: Kysely<any>, slug: string): TenantDb {
  return root.withSchema(tenantSchemaName(slug)) as TenantDb;
}
