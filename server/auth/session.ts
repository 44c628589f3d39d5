import "server-only";
import { cache } from "react";
import { isValidTenantSlug } from "@/db/tenant";
import { getDatabase } from "@/server/tenancy/database";
import { readSessionClaims } from "./session-cookie";
import type { TenantAccessResult } from "@/server/tenancy/resolve";
import { loadSessionUser, loadSessionWithTenant } from "./session-store";
import type { SessionUser } from "./types";

/**
 * The signed-in staff account for this request, or null. The cookie only names a session row;
 * the row decides (revoked, idle > 15 min, older than 12 h, account deactivated → null).
 * Cached per request, so a page and its tRPC caller check the row once.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const claims = await readSessionClaims();
  if (!claims) return null;
  return loadSessionUser(await getDatabase(), { sessionId: claims.sid, userId: claims.uid });
});

/**
 * getSessionUser() plus the tenant gate's verdict for `tenantSlug` (the tRPC request's tenant header),
 * read in the same statement; cached per request and slug.
 */
export const getSessionWithTenant = cache(async (tenantSlug: string | null): Promise<{ user: SessionUser | null; tenant: TenantAccessResult | null }> => {
  // Without a tenant (server components) it is getSessionUser(), shared with the page through the cache.
  if (!isValidTenantSlug(tenantSlug)) return { user: await getSessionUser(), tenant: null };
  const claims = await readSessionClaims();
  if (!claims) return { user: null, tenant: null };
  return loadSessionWithTenant(await getDatabase(), { sessionId: claims.sid, userId: claims.uid }, tenantSlug);
});
