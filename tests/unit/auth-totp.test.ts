import { generateSync } from "otplib";
import { describe, expect, it } from "vitest";
import { newTotpSecret, totpNow, totpUri, verifyTotp } from "@/server/auth/totp";

const T0 = Date.UTC(2026, 10, 29, 1, 0, 0); // a step boundary (divisible by 30 s)
const code = (secret: string, ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000) });

describe("TOTP", () => {
  const secret = newTotpSecret();

  it("accepts the current code and one step either side, nothing further", () => {
    expect(verifyTotp(secret, code(secret, T0), { nowMs: T0 }).valid).toBe(true);
    expect(verifyTotp(secret, code(secret, T0 - 30_000), { nowMs: T0 }).valid).toBe(true);
    expect(verifyTotp(secret, code(secret, T0 + 30_000), { nowMs: T0 }).valid).toBe(true);
    expect(verifyTotp(secret, code(secret, T0 - 90_000), { nowMs: T0 }).valid).toBe(false);
    expect(verifyTotp(secret, code(secret, T0 + 90_000), { nowMs: T0 }).valid).toBe(false);
  });

  it("refuses a code from a step already used (replay)", () => {
    const first = verifyTotp(secret, code(secret, T0), { nowMs: T0 });
    expect(first.valid).toBe(true);
    const step = first.valid ? first.timeStep : -1;
    expect(step).toBe(Math.floor(T0 / 30_000));
    expect(verifyTotp(secret, code(secret, T0), { nowMs: T0 + 5_000, afterTimeStep: step }).valid).toBe(false);
    expect(verifyTotp(secret, code(secret, T0 + 30_000), { nowMs: T0 + 30_000, afterTimeStep: step }).valid).toBe(true);
  });

  it("rejects malformed input and other secrets' codes", () => {
    expect(verifyTotp(secret, "12345", { nowMs: T0 }).valid).toBe(false);
    expect(verifyTotp(secret, "abcdef", { nowMs: T0 }).valid).toBe(false);
    expect(verifyTotp(newTotpSecret(), code(secret, T0), { nowMs: T0 }).valid).toBe(false);
  });

  it("builds an otpauth URI with issuer and account and generates the same code", () => {
    const uri = totpUri(secret, "doctor@demo.carepath.local");
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${secret}`);
    expect(decodeURIComponent(uri)).toContain("doctor@demo.carepath.local");
    expect(totpNow(secret, T0)).toBe(code(secret, T0));
  });
});
