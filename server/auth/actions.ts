"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { requestMetaFromHeaders } from "@/server/api/request-meta";
import { getDatabase } from "@/server/tenancy/database";
import { signOut } from "./next-auth";
import { getSessionUser } from "./session";
import { revokeSession } from "./session-store";

/** Revokes this session's row (a copied cookie stops working too), clears the cookie, goes to /sign-in. */
export async function signOutAction(): Promise<void> {
  const user = await getSessionUser();
  if (user) await revokeSession(await getDatabase(), user.sessionId, user.id, requestMetaFromHeaders(await headers()));
  await signOut({ redirect: false });
  redirect("/sign-in");
}
