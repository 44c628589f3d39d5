import { TRPCError } from "@trpc/server";
import type { DatabaseHandle } from "@/db/client";
import { createCaller } from "@/server/api/root";
import type { SessionUser } from "@/server/auth/types";

export type Locale = "zh-CN" | "en";

/** A server-side tRPC caller acting as `user` with the tenant header set to `tenant`. */
export function callerFor(database: DatabaseHandle, user: SessionUser | null, tenant: string | null, locale: Locale = "en") {
  return createCaller({
    database,
    user,
    meta: { requestId: `test-${Math.random().toString(36).slice(2, 10)}`, ip: "10.0.0.1", userAgent: "vitest", locale },
    requestedTenant: tenant,
  });
}

export type TestCaller = ReturnType<typeof callerFor>;

/** "OK" when the call succeeds, otherwise the tRPC error code; anything that is not a TRPCError is rethrown. */
export async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}
