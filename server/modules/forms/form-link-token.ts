import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * Patient form links: `<payload>.<signature>`, both base64url. The payload names the tenant, the
 * response, a per-link nonce (stored on the response, so issuing a new link revokes the old one) and
 * the expiry (seconds since epoch); the signature is HMAC-SHA256 under a key derived from the tenant's
 * own data key. The token carries no patient data.
 */
const ZPayload = z.strictObject({ t: z.uuid(), r: z.uuid(), n: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/), e: z.number().int().positive() });
export type LinkPayload = z.infer<typeof ZPayload>;

export type LinkCheck = { ok: true; payload: LinkPayload } | { ok: false; reason: "malformed" | "signature" | "expired" };

/** Link-signing key: HKDF over the tenant's index key with its own label (never used for anything else). */
export function linkKey(tenantIndexKey: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", tenantIndexKey, Buffer.alloc(0), "carepath:tenant:form-link", 32));
}

function mac(key: Buffer, body: string): Buffer {
  return createHmac("sha256", key).update(`form-link.v1.${body}`).digest();
}

export function signLink(key: Buffer, payload: LinkPayload): string {
  const body = Buffer.from(JSON.stringify(ZPayload.parse(payload))).toString("base64url");
  return `${body}.${mac(key, body).toString("base64url")}`;
}

/** The tenant a token claims, BEFORE its signature is checked (to find the key); never trusted beyond that. */
export function unverifiedTenant(token: string): string | null {
  const body = token.split(".")[0] ?? "";
  try {
    const parsed = ZPayload.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
    return parsed.success ? parsed.data.t : null;
  } catch {
    return null;
  }
}

export function verifyLink(key: Buffer, token: string, now = new Date()): LinkCheck {
  const parts = token.split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: "malformed" };
  const [body, sig] = parts as [string, string];
  const expected = mac(key, body);
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "signature" };
  let payload: LinkPayload;
  try {
    const parsed = ZPayload.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
    if (!parsed.success) return { ok: false, reason: "malformed" };
    payload = parsed.data;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (payload.e * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, payload };
}
