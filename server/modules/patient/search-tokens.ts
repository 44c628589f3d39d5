import { blindIndex, type IndexKind } from "@/server/crypto/blind-index";
import type { TenantKeyring } from "@/server/crypto/tenant-keys";
import { normaliseCardNumber } from "./rules/card-number";
import { nameSearchTerms, normaliseName } from "./rules/name-tokens";
import { normaliseIdNumber } from "./rules/id-number";

/** Every keyed token stored for one patient (patient_search_tokens). */
export function patientTokens(ring: TenantKeyring, p: { name: string; phone?: string | null; idNumber?: string | null; cardNumbers?: string[] }): string[] {
  const out = new Set<string>();
  for (const t of nameSearchTerms(p.name)) out.add(blindIndex(ring.indexKey, t.kind, t.term));
  if (p.phone) {
    out.add(blindIndex(ring.indexKey, "phone", p.phone));
    out.add(blindIndex(ring.indexKey, "phone4", p.phone.slice(-4)));
  }
  if (p.idNumber) out.add(blindIndex(ring.indexKey, "idno", p.idNumber));
  for (const c of p.cardNumbers ?? []) out.add(blindIndex(ring.indexKey, "card", c));
  return [...out];
}

/** Tokens a search term could match (any of them): the query side of the same scheme. */
export function queryTokens(ring: TenantKeyring, raw: string): string[] {
  const q = raw.trim();
  const t = (kind: IndexKind, v: string) => blindIndex(ring.indexKey, kind, v);
  const compact = q.replace(/[\s-]/g, "");
  if (/^\d+$/.test(compact)) {
    const out: string[] = [];
    if (compact.length === 4) out.push(t("phone4", compact));
    if (compact.length === 11) out.push(t("phone", compact));
    if (compact.length === 13 && compact.startsWith("86")) out.push(t("phone", compact.slice(2)));
    if (compact.length === 12) out.push(t("card", normaliseCardNumber(compact)));
    if (compact.length === 18) out.push(t("idno", compact));
    return out;
  }
  if (/^\d{17}[xX]$/.test(compact)) return [t("idno", normaliseIdNumber(compact))];
  const name = normaliseName(q);
  if (/^[a-z]+$/.test(name)) return name.length >= 2 ? [t("initials", name)] : [];
  if (!name) return [];
  return [t("name", name), t("given", name)];
}
