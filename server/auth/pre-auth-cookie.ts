import "server-only";
import { cookies } from "next/headers";
import { purposeKey } from "@/server/crypto/secrets";
import { env } from "@/server/env";
import { issueTicket, PRE_AUTH_TTL_MS, readTicket, type PreAuthTicket, type TicketStage } from "./pre-auth-ticket";

// __Host- pins the cookie to this origin, path / and Secure; without TLS (local demo) the prefix is not allowed.
const name = () => (env.COOKIE_SECURE ? "__Host-carepath-pre-auth" : "carepath-pre-auth");

const attributes = () => ({ httpOnly: true, secure: env.COOKIE_SECURE, sameSite: "strict" as const, path: "/" });

export async function setPreAuthTicket(t: { uid: string; stage: TicketStage; secret?: string }): Promise<void> {
  (await cookies()).set(name(), issueTicket(purposeKey("pre-auth-ticket"), t), { ...attributes(), maxAge: Math.floor(PRE_AUTH_TTL_MS / 1000) });
}

export async function getPreAuthTicket(): Promise<PreAuthTicket | null> {
  return readTicket(purposeKey("pre-auth-ticket"), (await cookies()).get(name())?.value);
}

/** Expires the cookie with the same attributes: browsers ignore a __Host- cookie set without Secure. */
export async function clearPreAuthTicket(): Promise<void> {
  (await cookies()).set(name(), "", { ...attributes(), maxAge: 0 });
}

/** A `verified` ticket handed straight to next-auth's Credentials provider, never stored in the browser. */
export function verifiedTicket(uid: string): string {
  return issueTicket(purposeKey("pre-auth-ticket"), { uid, stage: "verified" });
}
