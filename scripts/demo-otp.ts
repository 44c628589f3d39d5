/** npm run demo:otp -- <email> — prints the current TOTP code of an enrolled account (demo and testing aid). */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { openDatabase } from "@/db/client";
import { totpNow } from "@/server/auth/totp";
import { unseal } from "@/server/crypto/secret-box";
import { purposeKey } from "@/server/crypto/secrets";

/**
 * The embedded PGlite database belongs to one process: while the app runs on it, opening it here
 * could damage it. So on PGlite the seeded secret is taken from demo-credentials.json when present;
 * the database is read only for accounts that are not there (e.g. enrolled later in the browser).
 */
function fromCredentialsFile(dataDir: string, email: string): string | null {
  const file = path.resolve(dataDir, "demo-credentials.json");
  if (!existsSync(file)) return null;
  const list = JSON.parse(readFileSync(file, "utf8")) as { email: string; totpSecret: string | null }[];
  return list.find((c) => c.email === email)?.totpSecret ?? null;
}

async function fromDatabase(url: string | undefined, dataDir: string, email: string): Promise<string> {
  if (!url) console.error("(reading the embedded database: stop the app first if it is running on the same DATA_DIR)");
  const handle = await openDatabase({ url, dataDir, poolSize: 1 });
  try {
    const user = await handle.control.selectFrom("users").select(["id", "mfa_secret_sealed"]).where("email", "=", email).executeTakeFirst();
    if (!user) throw new Error(`No account ${email}`);
    if (!user.mfa_secret_sealed) throw new Error(`${email} has not enrolled MFA yet`);
    return unseal([purposeKey("mfa-secret")], user.mfa_secret_sealed, user.id);
  } finally {
    await handle.close();
  }
}

async function main(): Promise<void> {
  const email = process.argv[2]?.trim().toLowerCase();
  if (!email) {
    console.error("Usage: npm run demo:otp -- <email>");
    process.exit(2);
  }
  const url = process.env.DATABASE_URL || undefined;
  const dataDir = process.env.DATA_DIR || ".data";
  const secret = (!url && fromCredentialsFile(dataDir, email)) || (await fromDatabase(url, dataDir, email));
  console.log(totpNow(secret));
  console.error(`(valid for ${30 - (Math.floor(Date.now() / 1000) % 30)} more seconds)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
