import { describe, expect, it } from "vitest";
import { ABSOLUTE_LIFETIME_MS, IDLE_TIMEOUT_MS, judgeSession, sessionExpiry } from "@/server/auth/session-rules";

const created = new Date("2026-11-29T08:00:00Z");
const at = (ms: number) => new Date(created.getTime() + ms);
const session = (lastSeenMs: number, revokedAt: Date | null = null) => ({
  createdAt: created,
  lastSeenAt: at(lastSeenMs),
  expiresAt: sessionExpiry(created),
  revokedAt,
});

describe("session timing rules", () => {
  it("is active within 15 minutes of the last request, touching at most once a minute", () => {
    expect(judgeSession(session(0), at(30_000))).toEqual({ state: "active", touch: false });
    expect(judgeSession(session(0), at(60_000))).toEqual({ state: "active", touch: true });
    expect(judgeSession(session(0), at(IDLE_TIMEOUT_MS - 1))).toEqual({ state: "active", touch: true });
  });

  it("ends after 15 idle minutes", () => {
    expect(judgeSession(session(0), at(IDLE_TIMEOUT_MS))).toEqual({ state: "idle" });
  });

  it("ends 12 hours after sign-in however active the user is", () => {
    expect(sessionExpiry(created).getTime() - created.getTime()).toBe(12 * 3600_000);
    expect(judgeSession(session(ABSOLUTE_LIFETIME_MS - 60_000), at(ABSOLUTE_LIFETIME_MS - 1)).state).toBe("active");
    expect(judgeSession(session(ABSOLUTE_LIFETIME_MS - 60_000), at(ABSOLUTE_LIFETIME_MS))).toEqual({ state: "expired" });
  });

  it("never extends past 12 hours even if the stored expiry was tampered with", () => {
    const s = { ...session(ABSOLUTE_LIFETIME_MS), expiresAt: at(48 * 3600_000) };
    expect(judgeSession(s, at(ABSOLUTE_LIFETIME_MS + 1_000))).toEqual({ state: "expired" });
  });

  it("a revoked session is dead regardless of timing", () => {
    expect(judgeSession(session(0, at(1_000)), at(2_000))).toEqual({ state: "revoked" });
  });
});
