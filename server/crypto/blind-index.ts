import { createHmac } from "node:crypto";

/**
 * Keyed blind indexes: HMAC-SHA256(tenant index key, kind ‖ normalised value), first 16 bytes,
 * base64url. Deterministic within a tenant (so equality lookups use a btree index), different
 * across tenants (a different key), and different across kinds (the kind is part of the input),
 * so a phone token never matches a name token.
 */
export type IndexKind = "phone" | "phone4" | "idno" | "card" | "name" | "given" | "initials" | "email" | "mrn";

export function blindIndex(indexKey: Buffer, kind: IndexKind, normalised: string): string {
  return createHmac("sha256", indexKey).update(`${kind}\u0000${normalised}`, "utf8").digest().subarray(0, 16).toString("base64url");
}
