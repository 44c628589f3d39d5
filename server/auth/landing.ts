import type { DatabaseHandle } from "@/db/client";

/** The tenant a staff member lands in after sign-in: first active membership in an active tenant, by name. */
export async function firstActiveTenantSlug(handle: DatabaseHandle, userId: string): Promise<string | null> {
  const row = await handle.control
    .selectFrom("memberships as m")
    .innerJoin("tenants as t", "t.id", "m.tenant_id")
    .select("t.slug")
    .where("m.user_id", "=", userId)
    .where("m.status", "=", "active")
    .where("t.status", "=", "active")
    .orderBy("t.name")
    .executeTakeFirst();
  return row?.slug ?? null;
}
