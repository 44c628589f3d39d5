import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { ControlDatabase } from "@/db/types/control";

/**
 * Tenant API keys. The key handed out once is `cpk_<key id>_<secret>`: the key id finds the row —
 * and so the tenant — with one indexed lookup in `control.api_keys` (no scan over tenants); only
 * sha256(secret) is stored (the secret has 256 bits of entropy, so a slow hash adds nothing).
 */
export const API_SCOPES = ["results.import"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

const KEY_PATTERN = /^cpk_([a-z0-9]{16})_([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export interface NewApiKey {
  id: string;
  keyId: string;
  /** The full key; shown to the admin once and never stored. */
  key: string;
}

export async function insertApiKey(control: Kysely<ControlDatabase>, input: { tenantId: string; name: string; scopes: ApiScope[]; createdBy: string | null }): Promise<NewApiKey> {
  const id = uuidv7();
  const keyId = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  await control
    .insertInto("api_keys")
    .values({ id, key_id: keyId, tenant_id: input.tenantId, name: input.name, scopes: JSON.stringify([...new Set(input.scopes)].sort()), secret_hash: hashSecret(secret), created_by: input.createdBy })
    .execute();
  return { id, keyId, key: `cpk_${keyId}_${secret}` };
}

export type ApiKeyCheck =
  | { ok: true; key: { id: string; keyId: string; tenantId: string; name: string; scopes: string[] } }
  | { ok: false; reason: "malformed" | "unknown" | "revoked" | "scope"; key?: { id: string; tenantId: string } };

/** Verifies `Authorization: Bearer <key>` for a scope. Constant-time comparison of the secret hash. */
export async function verifyApiKey(control: Kysely<ControlDatabase>, authorization: string | null, scope: ApiScope): Promise<ApiKeyCheck> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? "")?.[1] ?? "";
  const m = KEY_PATTERN.exec(token);
  if (!m) return { ok: false, reason: "malformed" };
  const row = await control.selectFrom("api_keys").selectAll().where("key_id", "=", m[1]!).executeTakeFirst();
  if (!row) return { ok: false, reason: "unknown" };
  const presented = Buffer.from(hashSecret(m[2]!), "hex");
  const stored = Buffer.from(row.secret_hash, "hex");
  if (presented.length !== stored.length || !timingSafeEqual(presented, stored)) return { ok: false, reason: "unknown", key: { id: row.id, tenantId: row.tenant_id } };
  if (row.revoked_at) return { ok: false, reason: "revoked", key: { id: row.id, tenantId: row.tenant_id } };
  if (!row.scopes.includes(scope)) return { ok: false, reason: "scope", key: { id: row.id, tenantId: row.tenant_id } };
  await control.updateTable("api_keys").set({ last_used_at: new Date() }).where("id", "=", row.id).execute();
  return { ok: true, key: { id: row.id, keyId: row.key_id, tenantId: row.tenant_id, name: row.name, scopes: row.scopes } };
}
