import { randomBytes, randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";

process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
process.env.CAREPATH_MASTER_KEY ??= randomBytes(32).toString("hex");

// The request's cookies, as next/headers would hand them to the server code.
const jar = vi.hoisted(() => ({ cookies: [] as { name: string; value: string }[] }));
vi.mock("next/headers", () => ({ cookies: async () => ({ getAll: () => jar.cookies }) }));

const { readSessionClaims } = await import("@/server/auth/session-cookie");
const { env } = await import("@/server/env");
const NAME = `${env.COOKIE_SECURE ? "__Secure-" : ""}authjs.session-token`;

async function token(claims: Record<string, unknown>, options: { secret?: string; salt?: string; maxAge?: number } = {}) {
  return encode({ token: claims, secret: options.secret ?? process.env.AUTH_SECRET!, salt: options.salt ?? NAME, maxAge: options.maxAge ?? 3600 });
}

beforeEach(() => {
  jar.cookies = [];
});

describe("session cookie", () => {
  it("reads the session row and account a next-auth cookie names, also when split into chunks", async () => {
    const sid = randomUUID();
    const uid = randomUUID();
    const value = await token({ sub: uid, sid });
    jar.cookies = [{ name: NAME, value }];
    expect(await readSessionClaims()).toEqual({ sid, uid });
    expect(await readSessionClaims()).toEqual({ sid, uid }); // the verified entry
    jar.cookies = [
      { name: `${NAME}.1`, value: value.slice(100) },
      { name: `${NAME}.0`, value: value.slice(0, 100) },
    ];
    expect(await readSessionClaims()).toEqual({ sid, uid });
  });

  it("refuses a forged, tampered, foreign, incomplete or expired cookie", async () => {
    const claims = { sub: randomUUID(), sid: randomUUID() };
    expect(await readSessionClaims()).toBeNull();
    const good = await token(claims);
    const tampered = `${good.slice(0, -6)}${good.slice(-6) === "AAAAAA" ? "BBBBBB" : "AAAAAA"}`;
    for (const value of [
      tampered,
      await token(claims, { secret: randomBytes(32).toString("base64url") }),
      await token(claims, { salt: "other-cookie" }),
      await token({ sub: claims.sub }),
      await token({ ...claims, sid: "not-a-uuid" }),
      await token(claims, { maxAge: -60 }),
      "garbage",
    ]) {
      jar.cookies = [{ name: NAME, value }];
      expect(await readSessionClaims()).toBeNull();
    }
  });

  it("a verified cookie stops counting at its own expiry", async () => {
    const value = await token({ sub: randomUUID(), sid: randomUUID() }, { maxAge: 120 });
    jar.cookies = [{ name: NAME, value }];
    expect(await readSessionClaims()).not.toBeNull();
    expect(await readSessionClaims(Date.now() + 121_000)).toBeNull();
  });
});
