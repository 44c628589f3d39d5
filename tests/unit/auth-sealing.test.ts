import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { issueTicket, PRE_AUTH_TTL_MS, readTicket } from "@/server/auth/pre-auth-ticket";
import { deriveKey, seal, unseal, UnsealError } from "@/server/crypto/secret-box";

const master = randomBytes(32);
const key = deriveKey(master, "mfa-secret");

describe("sealing (AES-256-GCM with key id)", () => {
  it("round-trips and never contains the plaintext", () => {
    const sealed = seal(key, "JBSWY3DPEHPK3PXP", "user-1");
    expect(sealed.startsWith(`${key.kid}.`)).toBe(true);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(unseal([key], sealed, "user-1")).toBe("JBSWY3DPEHPK3PXP");
    expect(seal(key, "same", "x")).not.toBe(seal(key, "same", "x"));
  });

  it("detects tampering, a wrong binding, a wrong purpose and a wrong master key", () => {
    const sealed = seal(key, "JBSWY3DPEHPK3PXP", "user-1");
    const body = Buffer.from(sealed.slice(sealed.indexOf(".") + 1), "base64url");
    body[14] = body[14]! ^ 1;
    const tampered = `${key.kid}.${body.toString("base64url")}`;
    expect(() => unseal([key], tampered, "user-1")).toThrow(UnsealError);
    expect(() => unseal([key], sealed, "user-2")).toThrow(UnsealError);
    const other = deriveKey(master, "pre-auth-ticket");
    expect(other.kid).not.toBe(key.kid);
    expect(() => unseal([other], sealed, "user-1")).toThrow(UnsealError);
    expect(() => unseal([deriveKey(randomBytes(32), "mfa-secret")], sealed, "user-1")).toThrow(UnsealError);
    expect(() => unseal([key], "garbage", "user-1")).toThrow(UnsealError);
  });
});

describe("pre-auth ticket", () => {
  const tkey = deriveKey(master, "pre-auth-ticket");
  const uid = "018f0000-0000-7000-8000-000000000001";

  it("carries the stage for five minutes and then expires", () => {
    const now = Date.now();
    const sealed = issueTicket(tkey, { uid, stage: "mfa" }, now);
    expect(readTicket(tkey, sealed, now + 1_000)).toMatchObject({ uid, stage: "mfa" });
    expect(readTicket(tkey, sealed, now + PRE_AUTH_TTL_MS)).toBeNull();
  });

  it("is useless under another key or when altered", () => {
    const sealed = issueTicket(tkey, { uid, stage: "verified" });
    expect(readTicket(deriveKey(randomBytes(32), "pre-auth-ticket"), sealed)).toBeNull();
    expect(readTicket(tkey, sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA"))).toBeNull();
    expect(readTicket(tkey, undefined)).toBeNull();
  });
});
