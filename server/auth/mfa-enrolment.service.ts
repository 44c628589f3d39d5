import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import { recordAudit } from "@/server/audit/record";
import { seal } from "@/server/crypto/secret-box";
import { purposeKey } from "@/server/crypto/secrets";
import { authActor, type AuthRequestMeta } from "./audit-context";
import { generateRecoveryCodes, hashRecoveryCode } from "./recovery-codes";
import { verifyTotp } from "./totp";

export type EnrolmentOutcome = { ok: true; recoveryCodes: string[] } | { ok: false; reason: "invalid" | "alreadyEnrolled" };

/**
 * Confirms a new TOTP secret with a code from the user's app, stores it sealed (bound to the user
 * id), replaces any recovery codes with ten fresh ones and returns them: the only time they exist
 * in clear text.
 */
export async function completeEnrolment(
  handle: DatabaseHandle,
  userId: string,
  secret: string,
  code: string,
  meta: AuthRequestMeta,
): Promise<EnrolmentOutcome> {
  const check = verifyTotp(secret, code.replace(/\s/g, ""));
  if (!check.valid) return { ok: false, reason: "invalid" };
  const recoveryCodes = generateRecoveryCodes();
  const codeKey = purposeKey("recovery-code").key;
  const sealed = seal(purposeKey("mfa-secret"), secret, userId);
  const done = await handle.control.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("users")
      .set({ mfa_secret_sealed: sealed, mfa_enrolled_at: new Date(), mfa_last_time_step: check.timeStep, updated_at: new Date() })
      .where("id", "=", userId)
      .where("status", "=", "active")
      .where("mfa_secret_sealed", "is", null)
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) return false;
    await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
    await trx
      .insertInto("recovery_codes")
      .values(recoveryCodes.map((c) => ({ id: uuidv7(), user_id: userId, code_hash: hashRecoveryCode(codeKey, c) })))
      .execute();
    await recordAudit(trx, authActor(meta, userId), {
      action: "auth.mfa_enrolled",
      resourceType: "user",
      resourceId: userId,
      details: { recoveryCodes: recoveryCodes.length },
    });
    return true;
  });
  return done ? { ok: true, recoveryCodes } : { ok: false, reason: "alreadyEnrolled" };
}
