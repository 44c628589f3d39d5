import { generateSecret, generateSync, generateURI, verifySync } from "otplib";

export const TOTP_PERIOD_SECONDS = 30;
/** One step either side of now: tolerates ±30 s of clock drift between phone and server. */
export const TOTP_TOLERANCE_SECONDS = 30;
const ISSUER = "CarePath 康程";

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: ISSUER, label: email, secret });
}

export function totpNow(secret: string, nowMs = Date.now()): string {
  return generateSync({ secret, epoch: Math.floor(nowMs / 1000) });
}

export type TotpCheck = { valid: true; timeStep: number } | { valid: false };

/**
 * Accepts a 6-digit code within the tolerance window. `afterTimeStep` is the last step already
 * used by this account: a code from that step or earlier is refused (no replay of a seen code).
 */
export function verifyTotp(secret: string, code: string, options: { nowMs?: number; afterTimeStep?: number | null } = {}): TotpCheck {
  if (!/^\d{6}$/.test(code)) return { valid: false };
  const result = verifySync({
    secret,
    token: code,
    epoch: Math.floor((options.nowMs ?? Date.now()) / 1000),
    epochTolerance: TOTP_TOLERANCE_SECONDS,
    ...(options.afterTimeStep != null ? { afterTimeStep: options.afterTimeStep } : {}),
  });
  return result.valid && "timeStep" in result ? { valid: true, timeStep: result.timeStep } : { valid: false };
}
