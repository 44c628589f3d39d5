import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { createRequestContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";

/**
 * tRPC caller for server components. Same procedures, permissions and audit as HTTP calls;
 * `tenant` is the validated-later slug from the page's URL segment.
 */
export const serverCaller = cache(async (tenant?: string) => {
  const ctx = await createRequestContext(await headers());
  return createCaller({ ...ctx, requestedTenant: tenant ?? null });
});
