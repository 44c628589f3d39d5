import type { TenantDb } from "@/db/tenant";
import { blindIndex } from "@/server/crypto/blind-index";
import type { TenantKeyring } from "@/server/crypto/tenant-keys";
import { isValidCardNumber, normaliseCardNumber } from "@/server/modules/patient/rules/card-number";
import { isValidIdNumber, normaliseIdNumber } from "@/server/modules/patient/rules/id-number";
import type { Rejection } from "../rules/prepare-observation";
import type { PatientIdentifiers } from "./types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type MatchedBy = "patientId" | "cardNo" | "idNumber" | "mrn";

/** Identifiers checked and turned into the keys used for lookup (blind indexes, never plaintext). */
export interface LookupKeys {
  patientId: string | null;
  cardBidx: string | null;
  idBidx: string | null;
  mrnBidx: string | null;
  /** Stable key of this identity within the file (for caching and derived report ids). */
  identity: string;
}

export function lookupKeys(ring: TenantKeyring, ids: PatientIdentifiers): { ok: true; keys: LookupKeys } | ({ ok: false } & Rejection) {
  const patientId = ids.patientId?.trim() || null;
  if (patientId && !UUID.test(patientId)) return { ok: false, reason: "patientIdInvalid" };
  let cardBidx: string | null = null;
  if (ids.cardNo?.trim()) {
    if (!isValidCardNumber(ids.cardNo)) return { ok: false, reason: "cardNumberInvalid" };
    cardBidx = blindIndex(ring.indexKey, "card", normaliseCardNumber(ids.cardNo));
  }
  let idBidx: string | null = null;
  if (ids.idNumber?.trim()) {
    if (!isValidIdNumber(ids.idNumber)) return { ok: false, reason: "idNumberInvalid" };
    idBidx = blindIndex(ring.indexKey, "idno", normaliseIdNumber(ids.idNumber));
  }
  const mrn = ids.mrn?.trim() || null;
  if (mrn && mrn.length > 64) return { ok: false, reason: "mrnInvalid" };
  const mrnBidx = mrn ? blindIndex(ring.indexKey, "mrn", mrn) : null;
  if (!patientId && !cardBidx && !idBidx && !mrnBidx) return { ok: false, reason: "patientIdentifierMissing" };
  const identity = patientId ? `p:${patientId.toLowerCase()}` : cardBidx ? `c:${cardBidx}` : idBidx ? `i:${idBidx}` : `m:${mrnBidx}`;
  return { ok: true, keys: { patientId: patientId?.toLowerCase() ?? null, cardBidx, idBidx, mrnBidx, identity } };
}

/**
 * Resolves many identities at once (one query per identifier kind per chunk) and caches the answers
 * for the whole file. Order of precedence: our patient id, card number, ID number, MRN of this source.
 */
export class PatientMatcher {
  private readonly byPatientId = new Map<string, boolean>();
  private readonly byCard = new Map<string, string | null>();
  private readonly byId = new Map<string, string | null>();
  private readonly byMrn = new Map<string, string | null>();

  constructor(
    private readonly db: TenantDb,
    private readonly source: string,
  ) {}

  async prefetch(keys: readonly LookupKeys[]): Promise<void> {
    const pending = <T>(cache: Map<string, T>, values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v && !cache.has(v)))];
    const pids = pending(this.byPatientId, keys.map((k) => k.patientId));
    const cards = pending(this.byCard, keys.map((k) => k.cardBidx));
    const idnos = pending(this.byId, keys.map((k) => k.idBidx));
    const mrns = pending(this.byMrn, keys.map((k) => k.mrnBidx));
    if (pids.length) {
      const found = new Set((await this.db.selectFrom("patients").select("id").where("id", "in", pids).execute()).map((r) => r.id));
      for (const p of pids) this.byPatientId.set(p, found.has(p));
    }
    if (cards.length) {
      const rows = await this.db.selectFrom("member_cards").select(["card_no_bidx", "patient_id"]).where("card_no_bidx", "in", cards).execute();
      const m = new Map(rows.map((r) => [r.card_no_bidx, r.patient_id]));
      for (const c of cards) this.byCard.set(c, m.get(c) ?? null);
    }
    if (idnos.length) {
      const rows = await this.db.selectFrom("patients").select(["id_number_bidx", "id"]).where("id_number_bidx", "in", idnos).execute();
      const m = new Map(rows.map((r) => [r.id_number_bidx!, r.id]));
      for (const c of idnos) this.byId.set(c, m.get(c) ?? null);
    }
    if (mrns.length) {
      const rows = await this.db.selectFrom("patient_external_ids").select(["mrn_bidx", "patient_id"]).where("source", "=", this.source).where("mrn_bidx", "in", mrns).execute();
      const m = new Map(rows.map((r) => [r.mrn_bidx, r.patient_id]));
      for (const c of mrns) this.byMrn.set(c, m.get(c) ?? null);
    }
  }

  /** After prefetch: the patient, or null (→ queue). A given patient id that does not exist here is "foreign". */
  match(k: LookupKeys): { patientId: string; by: MatchedBy } | null | "foreign" {
    if (k.patientId) return this.byPatientId.get(k.patientId) ? { patientId: k.patientId, by: "patientId" } : "foreign";
    const card = k.cardBidx ? this.byCard.get(k.cardBidx) : null;
    if (card) return { patientId: card, by: "cardNo" };
    const idno = k.idBidx ? this.byId.get(k.idBidx) : null;
    if (idno) return { patientId: idno, by: "idNumber" };
    const mrn = k.mrnBidx ? this.byMrn.get(k.mrnBidx) : null;
    if (mrn) return { patientId: mrn, by: "mrn" };
    return null;
  }
}
