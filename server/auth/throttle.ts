import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";

/** Failed attempts allowed per 15 minutes before further attempts are refused. */
export const ACCOUNT_FAILURE_LIMIT = 5;
export const IP_FAILURE_LIMIT = 20;
export const THROTTLE_WINDOW_SECONDS = 15 * 60;

export interface AuthThrottle {
  /** ms until attempts are accepted again, or 0 when neither the account nor the IP is blocked. */
  blockedFor(account: string, ip: string | null): Promise<number>;
  /** Counts one failure against both keys; returns ms until retry if that failure crossed a limit. */
  recordFailure(account: string, ip: string | null): Promise<number>;
  /** A successful sign-in clears the account's failures (the IP's stay: they may be spraying). */
  recordSuccess(account: string): Promise<void>;
}

function limiter(pool: pg.Pool, keyPrefix: string, points: number): RateLimiterPostgres {
  // The table is created by the control migration, never by the library (tableCreated: true).
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    schemaName: "control",
    tableName: "auth_throttle",
    tableCreated: true,
    keyPrefix,
    points,
    duration: THROTTLE_WINDOW_SECONDS,
  });
}

async function consume(l: RateLimiterPostgres, key: string): Promise<number> {
  try {
    await l.consume(key);
    return 0;
  } catch (error) {
    if (error instanceof RateLimiterRes) return error.msBeforeNext;
    throw error;
  }
}

async function blockedMs(l: RateLimiterPostgres, key: string, limit: number): Promise<number> {
  const res = await l.get(key);
  return res && res.consumedPoints >= limit ? Math.max(res.msBeforeNext, 1) : 0;
}

const cache = new WeakMap<pg.Pool, AuthThrottle>();

/** Throttle state lives in control.auth_throttle, so every app instance on the database shares it. */
export function authThrottle(pool: pg.Pool): AuthThrottle {
  const existing = cache.get(pool);
  if (existing) return existing;
  const byAccount = limiter(pool, "acct", ACCOUNT_FAILURE_LIMIT);
  const byIp = limiter(pool, "ip", IP_FAILURE_LIMIT);
  const throttle: AuthThrottle = {
    // Sequential, not parallel: PGlite's pool has a single connection.
    async blockedFor(account, ip) {
      const a = await blockedMs(byAccount, account, ACCOUNT_FAILURE_LIMIT);
      const i = ip ? await blockedMs(byIp, ip, IP_FAILURE_LIMIT) : 0;
      return Math.max(a, i);
    },
    async recordFailure(account, ip) {
      const a = await consume(byAccount, account);
      const i = ip ? await consume(byIp, ip) : 0;
      const after = Math.max(await blockedMs(byAccount, account, ACCOUNT_FAILURE_LIMIT), ip ? await blockedMs(byIp, ip, IP_FAILURE_LIMIT) : 0);
      return Math.max(a, i, after);
    },
    async recordSuccess(account) {
      await byAccount.delete(account);
    },
  };
  cache.set(pool, throttle);
  return throttle;
}
