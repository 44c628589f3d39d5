import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";

/**
 * AES-256-GCM sealing with a key id prefix: `<kid>.<base64url(iv ‖ ciphertext ‖ tag)>`.
 * The key id names the key that sealed the value, so a rotated key ring can still open old values.
 * `aad` binds a sealed value to where it belongs (e.g. a user id): moved elsewhere, it fails to open.
 */
export interface SealingKey {
  kid: string;
  key: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

export class UnsealError extends Error {
  constructor() {
    super("Sealed value could not be opened");
  }
}

/** A 32-byte key for one purpose, derived from the master key with HKDF-SHA256. */
export function deriveKey(master: Buffer, purpose: string): SealingKey {
  if (master.length !== 32) throw new Error("The master key must be 32 bytes");
  const key = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `carepath:${purpose}`, 32));
  const kid = `${purpose}-${createHash("sha256").update(key).digest("hex").slice(0, 8)}`;
  return { kid, key };
}

export function seal(k: SealingKey, plaintext: string, aad = ""): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", k.key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `${k.kid}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
}

export function unseal(keys: readonly SealingKey[], sealed: string, aad = ""): string {
  const dot = sealed.lastIndexOf(".");
  const k = keys.find((candidate) => candidate.kid === sealed.slice(0, dot));
  if (dot < 1 || !k) throw new UnsealError();
  const raw = Buffer.from(sealed.slice(dot + 1), "base64url");
  if (raw.length < IV_BYTES + TAG_BYTES) throw new UnsealError();
  try {
    const decipher = createDecipheriv("aes-256-gcm", k.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    throw new UnsealError();
  }
}
