import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { deriveKey, type SealingKey } from "./secret-box";

/**
 * AUTH_SECRET and CAREPATH_MASTER_KEY come from the environment. When unset (the embedded demo),
 * they are generated once and kept in <DATA_DIR>/secrets.json (mode 0600), so a restart keeps
 * sessions and sealed MFA secrets valid. Deployments must set both.
 */
export interface ServerSecrets {
  authSecret: string;
  masterKey: Buffer;
}

const ZStored = z.object({
  authSecret: z.string().min(32),
  masterKey: z.string().regex(/^[0-9a-f]{64}$/i),
});

const holder = globalThis as typeof globalThis & { __carepathSecrets?: ServerSecrets };

function loadOrCreate(dataDir: string): z.infer<typeof ZStored> {
  const file = path.resolve(dataDir, "secrets.json");
  if (existsSync(file)) return ZStored.parse(JSON.parse(readFileSync(file, "utf8")));
  const created = { authSecret: randomBytes(32).toString("base64url"), masterKey: randomBytes(32).toString("hex") };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(created, null, 2) + "\n", { mode: 0o600, flag: "wx" });
  chmodSync(file, 0o600);
  return created;
}

export function getServerSecrets(): ServerSecrets {
  if (holder.__carepathSecrets) return holder.__carepathSecrets;
  const envAuth = process.env.AUTH_SECRET || undefined;
  const envMaster = process.env.CAREPATH_MASTER_KEY || undefined;
  let stored: z.infer<typeof ZStored> | null = null;
  if ((!envAuth || !envMaster) && process.env.NEXT_PHASE === "phase-production-build") {
    // Prerendering at build time has no sessions to read; never bake generated secrets into a build.
    return { authSecret: envAuth ?? randomBytes(32).toString("base64url"), masterKey: Buffer.from(envMaster ?? randomBytes(32).toString("hex"), "hex") };
  }
  if (!envAuth || !envMaster) {
    const dataDir = process.env.DATA_DIR || ".data";
    stored = loadOrCreate(dataDir);
    console.warn(
      `[carepath] ${[!envAuth && "AUTH_SECRET", !envMaster && "CAREPATH_MASTER_KEY"].filter(Boolean).join(" and ")} not set: ` +
        `using generated values kept in ${path.join(dataDir, "secrets.json")}. Set them in the environment for any real deployment.`,
    );
  }
  const masterHex = envMaster ?? stored!.masterKey;
  if (!/^[0-9a-f]{64}$/i.test(masterHex)) throw new Error("CAREPATH_MASTER_KEY must be 64 hex characters");
  holder.__carepathSecrets = { authSecret: envAuth ?? stored!.authSecret, masterKey: Buffer.from(masterHex, "hex") };
  return holder.__carepathSecrets;
}

/** Keys are separate per purpose; each carries its key id in what it seals. */
export type KeyPurpose = "mfa-secret" | "pre-auth-ticket" | "recovery-code";

export function purposeKey(purpose: KeyPurpose): SealingKey {
  return deriveKey(getServerSecrets().masterKey, purpose);
}
