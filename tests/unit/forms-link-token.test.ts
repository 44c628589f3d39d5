import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { linkKey, signLink, unverifiedTenant, verifyLink } from "@/server/modules/forms/form-link-token";

const key = linkKey(randomBytes(32));
const payload = { t: "0192f0c4-0000-7000-8000-000000000001", r: "0192f0c4-0000-7000-8000-000000000002", n: "abcdefghijklmnopqrstuv", e: Math.floor(Date.UTC(2030, 0, 1) / 1000) };

describe("form link tokens", () => {
  it("verifies a token it signed and returns its payload", () => {
    const token = signLink(key, payload);
    expect(verifyLink(key, token, new Date(Date.UTC(2029, 0, 1)))).toEqual({ ok: true, payload });
    expect(unverifiedTenant(token)).toBe(payload.t);
  });

  it("refuses an expired token", () => {
    expect(verifyLink(key, signLink(key, payload), new Date(Date.UTC(2030, 0, 1, 0, 0, 1)))).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a token whose payload was changed (another response, a later expiry)", () => {
    const [, sig] = signLink(key, payload).split(".");
    for (const changed of [{ ...payload, r: "0192f0c4-0000-7000-8000-000000000003" }, { ...payload, e: payload.e + 86400 }]) {
      const forged = `${Buffer.from(JSON.stringify(changed)).toString("base64url")}.${sig}`;
      expect(verifyLink(key, forged, new Date(Date.UTC(2029, 0, 1)))).toEqual({ ok: false, reason: "signature" });
    }
  });

  it("refuses a token signed with another tenant's key, and garbage", () => {
    const other = linkKey(randomBytes(32));
    expect(verifyLink(key, signLink(other, payload), new Date(Date.UTC(2029, 0, 1)))).toEqual({ ok: false, reason: "signature" });
    expect(verifyLink(key, "not-a-token", new Date())).toEqual({ ok: false, reason: "malformed" });
    expect(unverifiedTenant("###")).toBeNull();
  });
});
