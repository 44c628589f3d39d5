/** Pure timing rules for staff sessions; the control.sessions row is the source of truth. */
export const IDLE_TIMEOUT_MS = 15 * 60_000;
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60_000;
/** last_seen_at is written at most this often, so ordinary traffic is not one UPDATE per request. */
export const TOUCH_INTERVAL_MS = 60_000;

export interface SessionTimes {
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
}

export type SessionVerdict =
  | { state: "active"; touch: boolean }
  | { state: "revoked" | "idle" | "expired" };

export function sessionExpiry(createdAt: Date): Date {
  return new Date(createdAt.getTime() + ABSOLUTE_LIFETIME_MS);
}

export function judgeSession(s: SessionTimes, now: Date): SessionVerdict {
  if (s.revokedAt) return { state: "revoked" };
  const t = now.getTime();
  const hardLimit = Math.min(s.expiresAt.getTime(), s.createdAt.getTime() + ABSOLUTE_LIFETIME_MS);
  if (t >= hardLimit) return { state: "expired" };
  const idleFor = t - s.lastSeenAt.getTime();
  if (idleFor >= IDLE_TIMEOUT_MS) return { state: "idle" };
  return { state: "active", touch: idleFor >= TOUCH_INTERVAL_MS };
}
