import { createHmac, randomInt, timingSafeEqual } from "node:crypto";

export const RECOVERY_CODE_COUNT = 10;
// No 0/o, 1/l/i: codes are read off paper.
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";

/** `xxxxx-xxxxx` from a 31-letter alphabet: ~49.5 bits each. */
export function generateRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]!).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** Lower-case, strip spaces and dashes: what the user types is compared in one canonical form. */
export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, "");
}

export function looksLikeRecoveryCode(input: string): boolean {
  const n = normaliseRecoveryCode(input);
  return n.length === 10 && [...n].every((c) => ALPHABET.includes(c));
}

/** Keyed hash (HMAC-SHA256 under a purpose key): a stolen table alone cannot be brute-forced. */
export function hashRecoveryCode(key: Buffer, code: string): string {
  return createHmac("sha256", key).update(normaliseRecoveryCode(code)).digest("hex");
}

export function recoveryCodeMatches(key: Buffer, code: string, storedHash: string): boolean {
  const a = Buffer.from(hashRecoveryCode(key, code), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
