import { z } from "zod";
import { isValidCardNumber } from "@/server/modules/patient/rules/card-number";
import { isValidIdNumber } from "@/server/modules/patient/rules/id-number";
import { isValidMobile } from "@/server/modules/patient/rules/phone";

/**
 * Patient-domain DTOs shared by the routers and the UI. Identifiers in outputs are MASKED unless the
 * field name says otherwise; the only way to a clear value is `patient.reveal` (patient.unmask, audited).
 * Validation messages are `errors.*` keys, localised by the tRPC error formatter.
 */
/** A calendar date that exists (Date.parse would take 2026-02-30 as 2 March, which Postgres refuses). */
const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "errors.dateInvalid" }).refine(isRealDate, { error: "errors.dateInvalid" });
const pastDate = isoDate.refine((s) => s <= new Date().toISOString().slice(0, 10), { error: "errors.dateInFuture" });
const text = (max: number) => z.string().trim().min(1).max(max);

export const ZSex = z.enum(["male", "female", "unknown"]);
export const ZCardStatus = z.enum(["active", "frozen", "expired", "cancelled"]);
export const ZPhone = z.string().max(20).refine(isValidMobile, { error: "errors.phoneInvalid" });
export const ZIdNumber = z.string().max(20).refine((v) => isValidIdNumber(v), { error: "errors.idNumberInvalid" });
export const ZCardNumber = z.string().max(20).refine(isValidCardNumber, { error: "errors.cardNumberInvalid" });

export const ZEntitlement = z.object({ code: text(40), name: text(100), remaining: z.number().int().min(0).max(100000) });

export const ZCardInput = z
  .object({
    /** Optional: a 12-digit number with Luhn check digit; generated when absent. */
    cardNumber: ZCardNumber.optional(),
    level: text(40),
    servicePackage: text(100).optional(),
    validFrom: isoDate,
    validTo: isoDate,
    entitlements: z.array(ZEntitlement).max(50).default([]),
  })
  .refine((c) => c.validTo >= c.validFrom, { error: "errors.cardValidityReversed", path: ["validTo"] });

/** Staff changes of a card's status; `expired` is only ever set by the validity sweep. */
export const ZCardAction = z.enum(["freeze", "unfreeze", "cancel"]);
export const ZCardStatusChange = z.object({ cardId: z.uuid(), action: ZCardAction, reason: text(200) });
export const ZCardRenewal = z.object({ cardId: z.uuid(), validTo: isoDate, reason: text(200).optional() });

export const ZEmergencyContact = z.object({ name: text(50), phone: ZPhone, relation: text(20) });

export const ZPatientInput = z.object({
  name: text(50),
  /** Derived from the ID number when absent; must agree with it when both are given. */
  sex: ZSex.optional(),
  birthDate: pastDate.optional(),
  idNumber: ZIdNumber.optional(),
  phone: ZPhone.optional(),
  email: z.email().max(200).optional(),
  address: text(300).optional(),
  emergencyContact: ZEmergencyContact.optional(),
  sourceChannel: text(50).optional(),
  notes: text(2000).optional(),
});

export const ZOpenCardInput = z.object({
  patient: ZPatientInput,
  card: ZCardInput,
  departmentId: z.uuid().optional(),
  /** Pick the health manager by hand; otherwise the one with the fewest active patients in the department. */
  managerUserId: z.uuid().optional(),
});

export const ZMaskedRef = z.object({ id: z.uuid(), name: z.string() });

export const ZDuplicateCandidate = z.object({
  id: z.uuid(),
  nameMasked: z.string(),
  phoneMasked: z.string().nullable(),
  matchedOn: z.array(z.enum(["idNumber", "phone"])),
});

export const ZOpenCardOutput = z.discriminatedUnion("outcome", [
  /** Nothing created: the ID number or phone already belongs to these patients; open a card for one with `card.open`. */
  z.object({ outcome: z.literal("duplicate"), candidates: z.array(ZDuplicateCandidate) }),
  z.object({
    outcome: z.literal("created"),
    patientId: z.uuid(),
    cardId: z.uuid(),
    cardNumber: z.string(),
    manager: ZMaskedRef.nullable(),
    taskIds: z.array(z.uuid()),
  }),
]);

export const ZCard = z.object({
  id: z.uuid(),
  cardNumber: z.string(),
  level: z.string(),
  servicePackage: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string(),
  status: ZCardStatus,
  entitlements: z.array(ZEntitlement),
  createdAt: z.date(),
});

export const ZTagChip = z.object({
  id: z.uuid(),
  name: z.string(),
  colour: z.string(),
  category: z.string().nullable(),
  sensitive: z.boolean(),
  /** Automatic tags: the rule (name as it fired), its version and the fact values that made it fire. */
  auto: z.object({ ruleId: z.uuid().nullable(), rule: z.string(), version: z.number().int().nullable(), facts: z.record(z.string(), z.unknown()) }).nullish(),
});

export const ZPatientSummary = z.object({
  id: z.uuid(),
  nameMasked: z.string(),
  sex: ZSex,
  age: z.number().int().nullable(),
  phoneMasked: z.string().nullable(),
  manager: ZMaskedRef.nullable(),
  card: z.object({ id: z.uuid(), level: z.string(), status: ZCardStatus, validTo: z.string() }).nullable(),
  tags: z.array(ZTagChip),
  lastContactAt: z.date().nullable(),
  createdAt: z.date(),
});

export const ZPatientSort = z.enum(["createdDesc", "createdAsc", "birthDateAsc", "birthDateDesc"]);

export const ZPatientListInput = z.object({
  /** Type-ahead: full name or its start, given name, pinyin initials (zs), phone (11 digits or last 4), card number, ID number. */
  q: z.string().trim().max(40).optional(),
  tagIds: z.array(z.uuid()).max(10).optional(),
  managerUserId: z.uuid().optional(),
  cardStatus: ZCardStatus.optional(),
  level: text(40).optional(),
  ageMin: z.number().int().min(0).max(150).optional(),
  ageMax: z.number().int().min(0).max(150).optional(),
  sex: ZSex.optional(),
  lastContactBefore: z.date().optional(),
  lastContactAfter: z.date().optional(),
  sort: ZPatientSort.default("createdDesc"),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

export const ZPatientListOutput = z.object({ items: z.array(ZPatientSummary), nextCursor: z.string().nullable() });

export const ZPatientById = z.object({ patientId: z.uuid() });

export const ZFamilyMember = z.object({ patientId: z.uuid(), nameMasked: z.string(), relation: z.string(), inScope: z.boolean() });

export const ZPatientHeader = z.object({
  id: z.uuid(),
  nameMasked: z.string(),
  sex: ZSex,
  birthDate: z.string().nullable(),
  age: z.number().int().nullable(),
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  emailMasked: z.string().nullable(),
  addressMasked: z.string().nullable(),
  hasEmergencyContact: z.boolean(),
  sourceChannel: z.string().nullable(),
  department: ZMaskedRef.nullable(),
  manager: ZMaskedRef.nullable(),
  status: z.enum(["active", "archived"]),
  cards: z.array(ZCard),
  tags: z.array(ZTagChip),
  family: z.array(ZFamilyMember),
  openTaskCount: z.number().int(),
  recordVersion: z.number().int().nullable(),
  lastContactAt: z.date().nullable(),
  createdAt: z.date(),
  /** Quick actions the caller may take (the UI shows only these). */
  actions: z.array(z.enum(["reveal", "editRecord", "openCard", "tag", "reassign", "linkFamily"])),
});

export const ZTimelineInput = z.object({ patientId: z.uuid(), cursor: z.uuid().optional(), limit: z.number().int().min(1).max(100).default(30) });
export const ZTimelineItem = z.object({
  id: z.uuid(),
  kind: z.string(),
  occurredAt: z.date(),
  actor: ZMaskedRef.nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const ZTimelineOutput = z.object({ items: z.array(ZTimelineItem), nextCursor: z.uuid().nullable() });

export const ZRevealField = z.enum(["name", "idNumber", "phone", "email", "address", "emergencyContact", "notes"]);
export const ZRevealInput = z.object({ patientId: z.uuid(), field: ZRevealField, purpose: text(200) });
export const ZRevealOutput = z.object({ field: ZRevealField, value: z.string().nullable() });

export const ZFamilyRelation = z.enum(["spouse", "parent", "child", "sibling", "grandparent", "grandchild", "other"]);
export const ZLinkFamilyInput = z.object({ patientId: z.uuid(), relatedPatientId: z.uuid(), relation: ZFamilyRelation });
export const ZUnlinkFamilyInput = z.object({ patientId: z.uuid(), relatedPatientId: z.uuid() });

export type TOpenCardInput = z.infer<typeof ZOpenCardInput>;
export type TOpenCardOutput = z.infer<typeof ZOpenCardOutput>;
export type TCardInput = z.infer<typeof ZCardInput>;
export type TPatientListInput = z.infer<typeof ZPatientListInput>;
export type TPatientSummary = z.infer<typeof ZPatientSummary>;
export type TPatientHeader = z.infer<typeof ZPatientHeader>;
export type TCard = z.infer<typeof ZCard>;
export type TTagChip = z.infer<typeof ZTagChip>;
export type TRevealField = z.infer<typeof ZRevealField>;
