import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { ConsentPurpose, MessageChannel } from "@/db/types/tenant";
import { deriveKey } from "@/server/crypto/secret-box";
import { getServerSecrets } from "@/server/crypto/secrets";

/**
 * Opt-out links: `<payload>.<mac>`, payload = base64url JSON of ids and the purpose, mac = HMAC-SHA256
 * under a key derived from the master key for this purpose only. No identifiers in the link; it does
 * not expire (an old message's link must still work), and using it twice is harmless.
 */
const ZPayload = z.strictObject({
  t: z.uuid(),
  p: z.uuid(),
  u: z.enum(["care", "marketing"]),
  c: z.enum(["sms", "email"]),
});

export interface OptOut {
  tenantId: string;
  patientId: string;
  purpose: ConsentPurpose;
  channel: MessageChannel;
}

function mac(payload: string, masterKey: Buffer): Buffer {
  return createHmac("sha256", deriveKey(masterKey, "opt-out-link").key).update(payload).digest();
}

export function signOptOut(o: OptOut, masterKey = getServerSecrets().masterKey): string {
  const payload = Buffer.from(JSON.stringify({ t: o.tenantId, p: o.patientId, u: o.purpose, c: o.channel })).toString("base64url");
  return `${payload}.${mac(payload, masterKey).subarray(0, 16).toString("base64url")}`;
}

/** The opt-out a token stands for, or null when it is malformed or its MAC does not verify. */
export function verifyOptOut(token: string, masterKey = getServerSecrets().masterKey): OptOut | null {
  const [payload, given, extra] = token.split(".");
  if (!payload || !given || extra !== undefined || payload.length > 400) return null;
  const expected = mac(payload, masterKey).subarray(0, 16);
  const actual = Buffer.from(given, "base64url");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  try {
    const p = ZPayload.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return { tenantId: p.t, patientId: p.p, purpose: p.u, channel: p.c };
  } catch {
    return null;
  }
}
