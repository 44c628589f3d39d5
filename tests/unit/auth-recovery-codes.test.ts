import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  looksLikeRecoveryCode,
  normaliseRecoveryCode,
  recoveryCodeMatches,
} from "@/server/auth/recovery-codes";

describe("recovery codes", () => {
  it("generates ten distinct codes in the xxxxx-xxxxx form without ambiguous characters", () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[2-9a-z]{5}-[2-9a-z]{5}$/);
      expect(c).not.toMatch(/[01ilo]/);
      expect(looksLikeRecoveryCode(c)).toBe(true);
    }
  });

  it("matches what the user types in any case or spacing, under the right key only", () => {
    const key = randomBytes(32);
    const [code] = generateRecoveryCodes(1);
    const stored = hashRecoveryCode(key, code!);
    expect(stored).not.toContain(normaliseRecoveryCode(code!));
    expect(recoveryCodeMatches(key, code!.toUpperCase().replace("-", " "), stored)).toBe(true);
    expect(recoveryCodeMatches(key, generateRecoveryCodes(1)[0]!, stored)).toBe(false);
    expect(recoveryCodeMatches(randomBytes(32), code!, stored)).toBe(false);
  });

  it("does not mistake a TOTP code for a recovery code", () => {
    expect(looksLikeRecoveryCode("123456")).toBe(false);
  });
});
