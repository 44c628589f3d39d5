import { pinyin } from "pinyin-pro";

/**
 * Plain search terms derived from a name; they are never stored as such — the token table keeps
 * only their keyed HMACs (server/crypto/blind-index.ts). Kinds:
 * - `name`: every prefix of the full name (张, 张三, 张三丰) — type-ahead by full name and surname;
 * - `given`: the given name (三丰), so a search by given name alone also works;
 * - `initials`: every prefix (length ≥ 2) of the pinyin initials (zs, zsf), surname reading (曾 = z, 单 = s).
 */
export function normaliseName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

export function pinyinInitials(name: string): string {
  const n = normaliseName(name);
  if (!n) return "";
  if (/^[a-z·.'-]+$/.test(n)) return n[0]!;
  return pinyin(n, { pattern: "first", toneType: "none", type: "array", mode: "surname" })
    .join("")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}

export function nameSearchTerms(name: string): { kind: "name" | "given" | "initials"; term: string }[] {
  const chars = [...normaliseName(name)].slice(0, 20);
  const out: { kind: "name" | "given" | "initials"; term: string }[] = [];
  for (let i = 1; i <= chars.length; i++) out.push({ kind: "name", term: chars.slice(0, i).join("") });
  if (chars.length >= 3) out.push({ kind: "given", term: chars.slice(1).join("") });
  const initials = pinyinInitials(name).slice(0, 10);
  for (let i = 2; i <= initials.length; i++) out.push({ kind: "initials", term: initials.slice(0, i) });
  return out;
}
