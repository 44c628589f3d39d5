/** npm run demo:otp -- <email> — prints the current TOTP code of an enrolled account (demo and testing aid). */
import { openDatabase } from "@/db/client";
import { totpNow } from "@/server/auth/totp";
import { unseal } from "@/server/crypto/secret-box";
import { purposeKey } from "@/server/crypto/secrets";

async function main(): Promise<void> {
  const email = process.argv[2]?.trim().toLowerCase();
  if (!email) {
    console.error("Usage: npm run demo:otp -- <email>");
    process.exit(2);
  }
  const handle = await openDatabase({ url: process.env.DATABASE_URL || undefined, dataDir: process.env.DATA_DIR || ".data", poolSize: 1 });
  try {
    const user = await handle.control.selectFrom("users").select(["id", "mfa_secret_sealed"]).where("email", "=", email).executeTakeFirst();
    if (!user) throw new Error(`No account ${email}`);
    if (!user.mfa_secret_sealed) throw new Error(`${email} has not enrolled MFA yet`);
    const secret = unseal([purposeKey("mfa-secret")], user.mfa_secret_sealed, user.id);
    const remaining = 30 - (Math.floor(Date.now() / 1000) % 30);
    console.log(totpNow(secret));
    console.error(`(valid for ${remaining} more seconds)`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
