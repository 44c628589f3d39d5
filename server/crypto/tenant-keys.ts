import { createHash, hkdfSync, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { ControlDatabase } from "@/db/types/control";
import { deriveKey, seal, unseal, type SealingKey } from "./secret-box";
import { getServerSecrets } from "./secrets";

/**
 * Per-tenant data keys (envelope encryption).
 *
 *   master key (env CAREPATH_MASTER_KEY)
 *     └─ HKDF "tenant-data-key" → wrapping key (kid recorded with each wrapped key)
 *          └─ tenant data key: 32 random bytes, stored WRAPPED in control.tenant_data_keys
 *               ├─ HKDF "field-wrap"  → wraps each patient's own key (patients.key_sealed)
 *               ├─ HKDF "blind-index" → HMAC key for exact-match blind indexes and search tokens
 *               ├─ HKDF "match-queue" → seals results waiting in the to-match queue (no patient key yet)
 *               └─ HKDF "record"      → reserved
 *
 * The tenant key is created lazily on first use (insert … on conflict do nothing, then read back,
 * so two concurrent first requests agree) and cached in memory per process: unwrapping happens
 * once per tenant and process, not per request.
 */
export interface TenantKeyring {
  tenantId: string;
  /** Wraps per-patient data keys. */
  wrapKey: SealingKey;
  /** HMAC key for blind indexes and name tokens; never leaves the process. */
  indexKey: Buffer;
  /** Seals unmatched import rows (identifiers + results) until a person assigns them to a patient. */
  queueKey: SealingKey;
}

const WRAP_PURPOSE = "tenant-data-key";
const cache = new Map<string, TenantKeyring>();

function masterFingerprint(master: Buffer): string {
  return createHash("sha256").update(master).digest("hex").slice(0, 12);
}

function subKey(dataKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync("sha256", dataKey, Buffer.alloc(0), `carepath:tenant:${purpose}`, 32));
}

/** Builds the keyring from an unwrapped tenant data key (exported for unit tests). */
export function keyringFromDataKey(tenantId: string, dataKey: Buffer): TenantKeyring {
  const wrap = subKey(dataKey, "field-wrap");
  return {
    tenantId,
    wrapKey: { kid: `tk-${createHash("sha256").update(wrap).digest("hex").slice(0, 8)}`, key: wrap },
    indexKey: subKey(dataKey, "blind-index"),
    queueKey: { kid: "mq1", key: subKey(dataKey, "match-queue") },
  };
}

function binding(tenantId: string): string {
  return `carepath:tenant-data-key:${tenantId}`;
}

export async function getTenantKeyring(control: Kysely<ControlDatabase>, tenantId: string, master: Buffer = getServerSecrets().masterKey): Promise<TenantKeyring> {
  const cacheKey = `${masterFingerprint(master)}:${tenantId}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;
  const wrapping = deriveKey(master, WRAP_PURPOSE);
  let row = await control.selectFrom("tenant_data_keys").select(["wrapped_key"]).where("tenant_id", "=", tenantId).executeTakeFirst();
  if (!row) {
    const fresh = randomBytes(32);
    await control
      .insertInto("tenant_data_keys")
      .values({ id: uuidv7(), tenant_id: tenantId, kid: wrapping.kid, wrapped_key: seal(wrapping, fresh.toString("base64"), binding(tenantId)) })
      .onConflict((oc) => oc.column("tenant_id").doNothing())
      .execute();
    row = await control.selectFrom("tenant_data_keys").select(["wrapped_key"]).where("tenant_id", "=", tenantId).executeTakeFirstOrThrow();
  }
  const dataKey = Buffer.from(unseal([wrapping], row.wrapped_key, binding(tenantId)), "base64");
  const ring = keyringFromDataKey(tenantId, dataKey);
  cache.set(cacheKey, ring);
  return ring;
}

/** Drops cached key material (tests; key rotation). */
export function forgetTenantKeys(tenantId?: string): void {
  if (!tenantId) return cache.clear();
  for (const k of [...cache.keys()]) if (k.endsWith(`:${tenantId}`)) cache.delete(k);
}
