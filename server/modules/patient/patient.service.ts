import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit } from "@/server/audit/record";
import { blindIndex } from "@/server/crypto/blind-index";
import { newPatientKey, sealField, sealFieldOrNull } from "@/server/crypto/field-crypto";
import type { SealingKey } from "@/server/crypto/secret-box";
import type { TenantKeyring } from "@/server/crypto/tenant-keys";
import type { TCardInput, TOpenCardInput, TOpenCardOutput } from "@/server/shared/dto/patient";
import { assignOnboarding, chooseManager } from "@/server/modules/panel/panel.service";
import {
  activeHealthManagers,
  addTimelineEvent,
  badInput,
  binding,
  keyring,
  openPatientField,
  requireHealthManager,
  patientKey,
  type PatientContext,
} from "./patient-context";
import { makeCardNumber, normaliseCardNumber } from "./rules/card-number";
import { initialCardStatus, todayIn } from "./rules/card-status";
import { parseIdNumber } from "./rules/id-number";
import { maskName, maskPhone } from "./rules/masking";
import { normalisePhone } from "./rules/phone";
import { patientTokens } from "./search-tokens";
import { evaluateAfterChange } from "@/server/modules/rules/evaluate-after-change";

interface CheckedIdentity {
  sex: "male" | "female" | "unknown";
  birthDate: string;
  idNumber: string | null;
  phone: string | null;
}

/** ID number ↔ birth date ↔ sex cross-checks; birth date required (given or derived). */
export function checkIdentity(p: TOpenCardInput["patient"]): CheckedIdentity {
  let sex = p.sex;
  let birthDate = p.birthDate;
  let idNumber: string | null = null;
  if (p.idNumber) {
    const parsed = parseIdNumber(p.idNumber);
    if (!parsed.ok) throw badInput("idNumberInvalid");
    idNumber = parsed.facts.normalised;
    if (birthDate && birthDate !== parsed.facts.birthDate) throw badInput("idNumberBirthDateMismatch");
    if (sex && sex !== "unknown" && sex !== parsed.facts.sex) throw badInput("idNumberSexMismatch");
    birthDate = parsed.facts.birthDate;
    sex = parsed.facts.sex;
  }
  if (!birthDate) throw badInput("birthDateRequired");
  if (birthDate > new Date().toISOString().slice(0, 10)) throw badInput("dateInFuture");
  return { sex: sex ?? "unknown", birthDate, idNumber, phone: p.phone ? normalisePhone(p.phone) : null };
}

async function findDuplicates(ctx: PatientContext, trx: TenantDb, ring: TenantKeyring, identity: CheckedIdentity) {
  const idBidx = identity.idNumber ? blindIndex(ring.indexKey, "idno", identity.idNumber) : null;
  const phoneBidx = identity.phone ? blindIndex(ring.indexKey, "phone", identity.phone) : null;
  if (!idBidx && !phoneBidx) return [];
  const rows = await trx
    .selectFrom("patients")
    .select(["id", "key_sealed", "name_sealed", "phone_sealed", "id_number_bidx", "phone_bidx"])
    .where((eb) => eb.or([...(idBidx ? [eb("id_number_bidx", "=", idBidx)] : []), ...(phoneBidx ? [eb("phone_bidx", "=", phoneBidx)] : [])]))
    .limit(10)
    .execute();
  return rows.map((r) => {
    const key = patientKey(ring, r.id, r.key_sealed);
    const name = openPatientField(ctx, key, "name", r.id, r.name_sealed);
    const phone = openPatientField(ctx, key, "phone", r.id, r.phone_sealed);
    const matchedOn: ("idNumber" | "phone")[] = [];
    if (idBidx && r.id_number_bidx === idBidx) matchedOn.push("idNumber");
    if (phoneBidx && r.phone_bidx === phoneBidx) matchedOn.push("phone");
    return { id: r.id, nameMasked: name ? maskName(name) : "***", phoneMasked: phone ? maskPhone(phone) : null, matchedOn };
  });
}

/**
 * Inserts a member card for a patient (inside the caller's transaction); a card whose validity already
 * ended (`today` in the tenant's calendar) starts expired. Duplicate number → CONFLICT.
 */
export async function insertCard(ctx: PatientContext, trx: TenantDb, ring: TenantKeyring, key: SealingKey, patientId: string, card: TCardInput, today: string) {
  const id = uuidv7();
  let cardNumber = card.cardNumber ? normaliseCardNumber(card.cardNumber) : makeCardNumber();
  const status = initialCardStatus(card.validTo, today);
  for (let attempt = 0; ; attempt++) {
    const bidx = blindIndex(ring.indexKey, "card", cardNumber);
    const taken = await trx.selectFrom("member_cards").select("id").where("card_no_bidx", "=", bidx).executeTakeFirst();
    if (!taken) {
      await trx
        .insertInto("member_cards")
        .values({
          id,
          patient_id: patientId,
          card_no_sealed: sealField(key, cardNumber, binding(ctx, "member_cards", "card_no", id)),
          card_no_bidx: bidx,
          level: card.level,
          service_package: card.servicePackage ?? null,
          valid_from: card.validFrom,
          valid_to: card.validTo,
          status,
          entitlements: JSON.stringify(card.entitlements ?? []),
          created_by: ctx.actor.userId,
        })
        .execute();
      await trx.insertInto("patient_search_tokens").values({ token: bidx, patient_id: patientId }).onConflict((oc) => oc.doNothing()).execute();
      return { id, cardNumber, status };
    }
    if (card.cardNumber || attempt > 5) throw new TRPCError({ code: "CONFLICT", message: "errors.cardNumberTaken" });
    cardNumber = makeCardNumber();
  }
}

/**
 * 客户开卡: duplicate check (ID number / phone blind index) → patient with sealed identifiers and search
 * tokens → member card → panel assignment → two onboarding tasks for the manager. One transaction.
 */
export async function openCard(ctx: PatientContext & { tenant: { timeZone: string } }, input: TOpenCardInput): Promise<TOpenCardOutput> {
  const identity = checkIdentity(input.patient);
  const ring = await keyring(ctx);
  if (input.departmentId) {
    const dep = await ctx.db.selectFrom("departments").select("id").where("id", "=", input.departmentId).executeTakeFirst();
    if (!dep) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  }
  if (input.managerUserId) await requireHealthManager(ctx, ctx.db, input.managerUserId);

  return ctx.db.transaction().execute(async (trx) => {
    const duplicates = await findDuplicates(ctx, trx, ring, identity);
    if (duplicates.length > 0) {
      await recordAudit(trx, ctx.actor, {
        action: "patient.duplicate_offered",
        resourceType: "patient",
        purpose: "card_opening",
        details: { candidateIds: duplicates.map((d) => d.id) },
      });
      return { outcome: "duplicate" as const, candidates: duplicates };
    }
    const p = input.patient;
    const id = uuidv7();
    const { key, sealed } = newPatientKey(ring, id);
    const b = (column: string) => binding(ctx, "patients", column, id);
    const manager = input.managerUserId
      ? (await activeHealthManagers(ctx, trx, [input.managerUserId]))[0]!
      : await chooseManager(ctx, trx, input.departmentId ?? null);
    await trx
      .insertInto("patients")
      .values({
        id,
        key_sealed: sealed,
        name_sealed: sealField(key, p.name.trim(), b("name")),
        id_number_sealed: sealFieldOrNull(key, identity.idNumber, b("id_number")),
        id_number_bidx: identity.idNumber ? blindIndex(ring.indexKey, "idno", identity.idNumber) : null,
        phone_sealed: sealFieldOrNull(key, identity.phone, b("phone")),
        phone_bidx: identity.phone ? blindIndex(ring.indexKey, "phone", identity.phone) : null,
        email_sealed: sealFieldOrNull(key, p.email?.toLowerCase(), b("email")),
        address_sealed: sealFieldOrNull(key, p.address, b("address")),
        emergency_contact_sealed: p.emergencyContact
          ? sealField(key, JSON.stringify({ ...p.emergencyContact, phone: normalisePhone(p.emergencyContact.phone) }), b("emergency_contact"))
          : null,
        notes_sealed: sealFieldOrNull(key, p.notes, b("notes")),
        sex: identity.sex,
        birth_date: identity.birthDate,
        source_channel: p.sourceChannel ?? null,
        department_id: input.departmentId ?? null,
        manager_user_id: null,
        created_by: ctx.actor.userId,
      })
      .execute();
    const tokens = patientTokens(ring, { name: p.name, phone: identity.phone, idNumber: identity.idNumber });
    await trx.insertInto("patient_search_tokens").values(tokens.map((token) => ({ token, patient_id: id }))).onConflict((oc) => oc.doNothing()).execute();
    const card = await insertCard(ctx, trx, ring, key, id, input.card, todayIn(ctx.tenant.timeZone));
    await addTimelineEvent(trx, ctx, id, "patient.created", { sourceChannel: p.sourceChannel ?? null });
    await addTimelineEvent(trx, ctx, id, "card.opened", { cardId: card.id, level: input.card.level });
    const taskIds = await assignOnboarding(ctx, trx, id, manager?.id ?? null, "card_opening");
    await evaluateAfterChange(trx, ctx, [id]);
    await recordAudit(trx, ctx.actor, {
      action: "patient.card_open",
      resourceType: "patient",
      resourceId: id,
      patientId: id,
      purpose: "card_opening",
      details: { cardId: card.id, managerUserId: manager?.id ?? null, departmentId: input.departmentId ?? null },
    });
    return { outcome: "created" as const, patientId: id, cardId: card.id, cardNumber: card.cardNumber, manager: manager ?? null, taskIds };
  });
}
