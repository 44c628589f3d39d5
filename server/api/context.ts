import "server-only";
import { getSessionWithTenant } from "@/server/auth/session";
import { getDatabase } from "@/server/tenancy/database";
import type { Context } from "./trpc";
import { requestMetaFromHeaders } from "./request-meta";

export const TENANT_HEADER = "x-carepath-tenant";

/**
 * Context for HTTP calls and for the server-component caller: both read the same request headers.
 * The session row and the tenant gate for the requested tenant come back from one statement.
 */
export async function createRequestContext(headers: Headers): Promise<Context> {
  const requestedTenant = headers.get(TENANT_HEADER);
  const [database, session] = await Promise.all([getDatabase(), getSessionWithTenant(requestedTenant)]);
  return {
    database,
    user: session.user,
    meta: requestMetaFromHeaders(headers),
    requestedTenant,
    tenantAccess: session.tenant ? { slug: requestedTenant!, result: session.tenant } : undefined,
  };
}
