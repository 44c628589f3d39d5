import type { DatabaseHandle } from "@/db/client";
import { recordAudit, recordAuditStandalone } from "@/server/audit/record";
import { purposeKey } from "@/server/crypto/secrets";
import { unseal } from "@/server/crypto/secret-box";
import { authActor, type AuthRequestMeta } from "./audit-context";
import { verifyPassword } from "./password-hash";
import { looksLikeRecoveryCode, recoveryCodeMatches } from "./recovery-codes";
import { authThrottle } from "./throttle";
import { verifyTotp } from "./totp";

export type Refusal =
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "noActiveTenant" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

export type PasswordOutcome = { ok: true; userId: string; next: "mfa" | "enrol" } | Refusal;
export type SecondFactorOutcome = { ok: true; method: "totp" | "recovery_code"; recoveryCodesLeft?: number } | Refusal;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Staff may enter only if they operate the platform or belong to at least one active tenant. */
export async function hasActiveTenant(handle: DatabaseHandle, userId: string): Promise<boolean> {
  const row = await handle.control
    .selectFrom("memberships as m")
    .innerJoin("tenants as t", "t.id", "m.tenant_id")
    .select("t.slug")
    .where("m.user_id", "=", userId)
    .where("m.status", "=", "active")
    .where("t.status", "=", "active")
    .executeTakeFirst();
  return Boolean(row);
}

async function refuseThrottled(handle: DatabaseHandle, meta: AuthRequestMeta, email: string, userId: string | null, step: string, ms: number): Promise<Refusal> {
  await recordAuditStandalone(handle.control, authActor(meta, userId), {
    action: "auth.sign_in_throttled",
    outcome: "denied",
    details: { email, step, retryAfterSeconds: Math.ceil(ms / 1000) },
  });
  return { ok: false, reason: "throttled", retryAfterMs: ms };
}

async function refuseFailed(
  handle: DatabaseHandle,
  meta: AuthRequestMeta,
  email: string,
  userId: string | null,
  action: "auth.sign_in_failed" | "auth.mfa_failed",
  why: string,
): Promise<Refusal> {
  const blockedMs = await authThrottle(handle.pool).recordFailure(email, meta.ip);
  await recordAuditStandalone(handle.control, authActor(meta, userId), {
    action,
    outcome: "failure",
    details: { email, reason: why },
  });
  return blockedMs > 0 ? { ok: false, reason: "throttled", retryAfterMs: blockedMs } : { ok: false, reason: "invalid" };
}

/** Step 1: e-mail and password. Unknown account, wrong password and deactivated account look alike. */
export async function checkPassword(handle: DatabaseHandle, rawEmail: string, password: string, meta: AuthRequestMeta): Promise<PasswordOutcome> {
  const email = normaliseEmail(rawEmail);
  const throttle = authThrottle(handle.pool);
  const blocked = await throttle.blockedFor(email, meta.ip);
  if (blocked > 0) return refuseThrottled(handle, meta, email, null, "password", blocked);

  const user = await handle.control
    .selectFrom("users")
    .select(["id", "password_hash", "status", "mfa_secret_sealed", "is_platform_operator"])
    .where("email", "=", email)
    .executeTakeFirst();
  const passwordOk = await verifyPassword(user?.password_hash ?? null, password);
  if (!user || !passwordOk) return refuseFailed(handle, meta, email, user?.id ?? null, "auth.sign_in_failed", user ? "wrong_password" : "unknown_account");
  if (user.status !== "active") return refuseFailed(handle, meta, email, user.id, "auth.sign_in_failed", "deactivated");

  if (!user.is_platform_operator && !(await hasActiveTenant(handle, user.id))) {
    await recordAuditStandalone(handle.control, authActor(meta, user.id), {
      action: "auth.sign_in_failed",
      outcome: "denied",
      details: { email, reason: "no_active_tenant" },
    });
    return { ok: false, reason: "noActiveTenant" };
  }
  return { ok: true, userId: user.id, next: user.mfa_secret_sealed ? "mfa" : "enrol" };
}

/** Step 2: a TOTP code (replays refused) or one unused recovery code, which is then spent. */
export async function checkSecondFactor(handle: DatabaseHandle, userId: string, code: string, meta: AuthRequestMeta): Promise<SecondFactorOutcome> {
  const user = await handle.control
    .selectFrom("users")
    .select(["id", "email", "status", "mfa_secret_sealed", "mfa_last_time_step"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user || user.status !== "active" || !user.mfa_secret_sealed) return { ok: false, reason: "invalid" };
  const throttle = authThrottle(handle.pool);
  const blocked = await throttle.blockedFor(user.email, meta.ip);
  if (blocked > 0) return refuseThrottled(handle, meta, user.email, user.id, "mfa", blocked);

  const trimmed = code.replace(/\s/g, "");
  if (/^\d{6}$/.test(trimmed)) {
    const secret = unseal([purposeKey("mfa-secret")], user.mfa_secret_sealed, user.id);
    const check = verifyTotp(secret, trimmed, { afterTimeStep: user.mfa_last_time_step == null ? null : Number(user.mfa_last_time_step) });
    if (check.valid) {
      // Conditional update: two requests racing with the same code cannot both win.
      const claimed = await handle.control
        .updateTable("users")
        .set({ mfa_last_time_step: check.timeStep })
        .where("id", "=", user.id)
        .where((eb) => eb.or([eb("mfa_last_time_step", "is", null), eb("mfa_last_time_step", "<", String(check.timeStep))]))
        .executeTakeFirst();
      if (claimed.numUpdatedRows === 1n) {
        await throttle.recordSuccess(user.email);
        return { ok: true, method: "totp" };
      }
    }
    return refuseFailed(handle, meta, user.email, user.id, "auth.mfa_failed", "wrong_totp");
  }

  if (looksLikeRecoveryCode(trimmed)) {
    const key = purposeKey("recovery-code").key;
    const unused = await handle.control
      .selectFrom("recovery_codes")
      .select(["id", "code_hash"])
      .where("user_id", "=", user.id)
      .where("used_at", "is", null)
      .execute();
    const match = unused.find((row) => recoveryCodeMatches(key, trimmed, row.code_hash));
    if (match) {
      const spent = await handle.control.transaction().execute(async (trx) => {
        const r = await trx.updateTable("recovery_codes").set({ used_at: new Date() }).where("id", "=", match.id).where("used_at", "is", null).executeTakeFirst();
        if (r.numUpdatedRows !== 1n) return false;
        await recordAudit(trx, authActor(meta, user.id), {
          action: "auth.recovery_code_used",
          resourceType: "user",
          resourceId: user.id,
          details: { remaining: unused.length - 1 },
        });
        return true;
      });
      if (spent) {
        await throttle.recordSuccess(user.email);
        return { ok: true, method: "recovery_code", recoveryCodesLeft: unused.length - 1 };
      }
    }
    return refuseFailed(handle, meta, user.email, user.id, "auth.mfa_failed", "wrong_recovery_code");
  }
  return refuseFailed(handle, meta, user.email, user.id, "auth.mfa_failed", "malformed_code");
}
