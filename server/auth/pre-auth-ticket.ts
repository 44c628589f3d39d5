import { z } from "zod";
import { seal, unseal, type SealingKey } from "@/server/crypto/secret-box";

/**
 * The short-lived state between the password and the second factor, sealed (AES-256-GCM) into an
 * HttpOnly cookie. `enrol` carries the TOTP secret being set up; `verified` means both factors
 * passed and only the session remains to be created.
 */
export const PRE_AUTH_TTL_MS = 5 * 60_000;

const ZTicket = z.object({
  v: z.literal(1),
  uid: z.string().uuid(),
  stage: z.enum(["mfa", "enrol", "verified"]),
  secret: z.string().optional(),
  exp: z.number().int(),
});
export type PreAuthTicket = z.infer<typeof ZTicket>;
export type TicketStage = PreAuthTicket["stage"];

const AAD = "pre-auth-ticket";

export function issueTicket(key: SealingKey, t: { uid: string; stage: TicketStage; secret?: string }, nowMs = Date.now()): string {
  return seal(key, JSON.stringify({ v: 1, ...t, exp: nowMs + PRE_AUTH_TTL_MS } satisfies PreAuthTicket), AAD);
}

/** null when missing, tampered with, sealed under another key, or expired. */
export function readTicket(key: SealingKey, sealed: string | undefined | null, nowMs = Date.now()): PreAuthTicket | null {
  if (!sealed) return null;
  try {
    const parsed = ZTicket.safeParse(JSON.parse(unseal([key], sealed, AAD)));
    if (!parsed.success || parsed.data.exp <= nowMs) return null;
    return parsed.data;
  } catch {
    return null;
  }
}
