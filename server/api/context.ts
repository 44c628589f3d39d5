import "server-only";
import { getSessionUser } from "@/server/auth/session";
import { getDatabase } from "@/server/tenancy/database";
import type { Context } from "./trpc";
import { requestMetaFromHeaders } from "./request-meta";

export const TENANT_HEADER = "x-carepath-tenant";

/** Context for HTTP calls and for the server-component caller: both read the same request headers. */
export async function createRequestContext(headers: Headers): Promise<Context> {
  const [database, user] = await Promise.all([getDatabase(), getSessionUser()]);
  return {
    database,
    user,
    meta: requestMetaFromHeaders(headers),
    requestedTenant: headers.get(TENANT_HEADER),
  };
}
