import type { Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { ControlDatabase } from "@/db/types/control";
import { seal } from "@/server/crypto/secret-box";
import { purposeKey } from "@/server/crypto/secrets";
import { hashPassword } from "./password-hash";
import { generateRecoveryCodes, hashRecoveryCode } from "./recovery-codes";

export interface NewAccount {
  email: string;
  displayName: string;
  password: string;
  isPlatformOperator?: boolean;
  /** Pre-enrolled TOTP secret (demo seed only); staff created by an admin enrol at first sign-in. */
  totpSecret?: string;
}

/** Inserts a staff account inside the caller's control transaction. Returns the id and, when pre-enrolled, recovery codes. */
export async function insertAccount(trx: Kysely<ControlDatabase>, a: NewAccount): Promise<{ id: string; recoveryCodes: string[] }> {
  const id = uuidv7();
  await trx
    .insertInto("users")
    .values({
      id,
      email: a.email.trim().toLowerCase(),
      display_name: a.displayName,
      password_hash: await hashPassword(a.password),
      mfa_secret_sealed: a.totpSecret ? seal(purposeKey("mfa-secret"), a.totpSecret, id) : null,
      mfa_enrolled_at: a.totpSecret ? new Date() : null,
      is_platform_operator: a.isPlatformOperator ?? false,
    })
    .execute();
  if (!a.totpSecret) return { id, recoveryCodes: [] };
  const recoveryCodes = generateRecoveryCodes();
  const key = purposeKey("recovery-code").key;
  await trx
    .insertInto("recovery_codes")
    .values(recoveryCodes.map((c) => ({ id: uuidv7(), user_id: id, code_hash: hashRecoveryCode(key, c) })))
    .execute();
  return { id, recoveryCodes };
}
