import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { z } from "zod";
import { getServerSecrets } from "@/server/crypto/secrets";
import { env } from "@/server/env";

const ZClaims = z.object({ sid: z.string().uuid(), sub: z.string().uuid(), exp: z.number() });

export interface SessionClaims {
  sid: string;
  uid: string;
}

/** next-auth's session cookie name for this deployment (the `__Secure-` prefix over HTTPS). */
const cookieName = () => `${env.COOKIE_SECURE ? "__Secure-" : ""}authjs.session-token`;

/**
 * Decrypted cookies by their exact text, until the token's own expiry. Decrypting costs a key
 * derivation, AES and an HMAC per request; a cookie can only hit an entry if it is byte for byte the
 * token that was decrypted and verified before. Bounded: the oldest entries go first.
 */
const verified = new Map<string, { claims: SessionClaims; expiresAt: number }>();
const MAX_ENTRIES = 2000;

/** The cookie's value, joined from next-auth's chunks (`name.0`, `name.1` …) when it was split. */
function tokenFrom(all: { name: string; value: string }[], name: string): string | null {
  const whole = all.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = all
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : null;
}

/**
 * Which session row and account the request's cookie names, or null. The same verification as
 * next-auth's auth() (its own `decode`: authenticated encryption under AUTH_SECRET, expiry with 15 s
 * tolerance), without re-issuing the cookie on every request: the cookie's lifetime is the session's
 * absolute lifetime from sign-in, and the control.sessions row decides everything else.
 */
export async function readSessionClaims(now = Date.now()): Promise<SessionClaims | null> {
  const name = cookieName();
  const token = tokenFrom((await cookies()).getAll(), name);
  if (!token) return null;
  const hit = verified.get(token);
  if (hit) {
    if (hit.expiresAt > now) return hit.claims;
    verified.delete(token);
    return null;
  }
  let payload: unknown;
  try {
    payload = await decode({ token, secret: getServerSecrets().authSecret, salt: name });
  } catch {
    return null;
  }
  const parsed = ZClaims.safeParse(payload);
  if (!parsed.success) return null;
  const claims = { sid: parsed.data.sid, uid: parsed.data.sub };
  if (verified.size >= MAX_ENTRIES) verified.delete(verified.keys().next().value!);
  verified.set(token, { claims, expiresAt: parsed.data.exp * 1000 });
  return claims;
}
