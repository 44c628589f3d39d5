import "server-only";
import { cache } from "react";
import { z } from "zod";
import { getDatabase } from "@/server/tenancy/database";
import { auth } from "./next-auth";
import { loadSessionUser } from "./session-store";
import type { SessionUser } from "./types";

const ZSessionClaims = z.object({ sid: z.string().uuid(), uid: z.string().uuid() });

/**
 * The signed-in staff account for this request, or null. The cookie only names a session row;
 * the row decides (revoked, idle > 15 min, older than 12 h, account deactivated → null).
 * Cached per request, so a page and its tRPC caller check the row once.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const claims = ZSessionClaims.safeParse(await auth());
  if (!claims.success) return null;
  return loadSessionUser(await getDatabase(), { sessionId: claims.data.sid, userId: claims.data.uid });
});
