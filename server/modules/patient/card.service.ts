import { TRPCError } from "@trpc/server";
import type { TenantDb } from "@/db/tenant";
import { recordAudit, recordAuditStandalone } from "@/server/audit/record";
import type { TCardInput } from "@/server/shared/dto/patient";
import { evaluateAfterChange } from "@/server/modules/rules/evaluate-after-change";
import { addTimelineEvent, inPatientTransaction, isoDate, keyring, loadPatientInScope, OutOfScope, patientKey, type PatientContext } from "./patient-context";
import { insertCard } from "./patient.service";
import { decideCardAction, decideRenewal, todayIn, type CardAction, type CardDecision, type CardStatus } from "./rules/card-status";

/** Card procedures need the tenant's calendar: validity dates are days in the tenant's time zone. */
export type CardContext = PatientContext & { tenant: { id: string; slug: string; timeZone: string } };

function tenantToday(ctx: CardContext): string {
  return todayIn(ctx.tenant.timeZone);
}

/** A change the card's state does not allow; audited as a denial after the (empty) transaction rolls back. */
class CardRefused extends Error {
  constructor(
    readonly errorKey: string,
    readonly audit: { action: string; cardId: string | null; patientId: string; details: Record<string, unknown> },
  ) {
    super(errorKey);
  }
}

async function refusalAudited<T>(ctx: CardContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof CardRefused)) throw error;
    const a = error.audit;
    await recordAuditStandalone(ctx.db, ctx.actor, {
      action: a.action,
      outcome: "denied",
      resourceType: "member_card",
      ...(a.cardId ? { resourceId: a.cardId } : {}),
      patientId: a.patientId,
      purpose: "card_management",
      details: { ...a.details, refused: error.errorKey },
    });
    const code = error.errorKey === "cardNumberTaken" ? "CONFLICT" : "BAD_REQUEST";
    throw new TRPCError({ code, message: `errors.${error.errorKey}` });
  }
}

/** The card (locked for the change) if its patient is in the caller's scope; otherwise NOT_FOUND, audited. */
async function loadCardInScope(ctx: CardContext, trx: TenantDb, cardId: string, action: string) {
  const card = await trx
    .selectFrom("member_cards")
    .select(["id", "patient_id", "status", "level", "valid_from", "valid_to"])
    .where("id", "=", cardId)
    .forUpdate()
    .executeTakeFirst();
  if (!card) throw new OutOfScope(cardId, action);
  await loadPatientInScope(ctx, trx, card.patient_id, action);
  return { ...card, validFrom: isoDate(card.valid_from)!, validTo: isoDate(card.valid_to)! };
}

/** A further member card for a patient already in the caller's scope (also after a duplicate was offered). */
export async function openCardForPatient(ctx: CardContext, patientId: string, card: TCardInput) {
  const ring = await keyring(ctx);
  return refusalAudited(ctx, () =>
    inPatientTransaction(ctx, async (trx) => {
      const row = await loadPatientInScope(ctx, trx, patientId, "card.open");
      const key = patientKey(ring, row.id, row.key_sealed);
      if (!key) throw new OutOfScope(patientId, "card.open");
      const made = await insertCard(ctx, trx, ring, key, row.id, card, tenantToday(ctx)).catch((error: unknown) => {
        if (error instanceof TRPCError && error.code === "CONFLICT") throw new CardRefused("cardNumberTaken", { action: "card.open", cardId: null, patientId: row.id, details: { level: card.level } });
        throw error;
      });
      await addTimelineEvent(trx, ctx, row.id, "card.opened", { cardId: made.id, level: card.level });
      await evaluateAfterChange(trx, ctx, [row.id]);
      await recordAudit(trx, ctx.actor, { action: "card.open", resourceType: "member_card", resourceId: made.id, patientId: row.id, purpose: "card_management", details: { level: card.level, validTo: card.validTo } });
      return { cardId: made.id, cardNumber: made.cardNumber, status: made.status };
    }),
  );
}

/** Freeze, unfreeze or cancel a card, with the reason recorded in the timeline and the audit event. */
export async function changeCardStatus(ctx: CardContext, input: { cardId: string; action: CardAction; reason: string }): Promise<{ cardId: string; status: CardStatus }> {
  const auditAction = `card.${input.action}`;
  return refusalAudited(ctx, () =>
    inPatientTransaction(ctx, async (trx) => {
      const card = await loadCardInScope(ctx, trx, input.cardId, auditAction);
      const decision = decideCardAction({ status: card.status, validFrom: card.validFrom, validTo: card.validTo }, input.action, tenantToday(ctx));
      const to = decided(decision, { action: auditAction, cardId: card.id, patientId: card.patient_id, details: { from: card.status, reason: input.reason } });
      await trx.updateTable("member_cards").set({ status: to, updated_at: new Date() }).where("id", "=", card.id).execute();
      await addTimelineEvent(trx, ctx, card.patient_id, "card.status_changed", { cardId: card.id, level: card.level, from: card.status, to, reason: input.reason });
      await evaluateAfterChange(trx, ctx, [card.patient_id]);
      await recordAudit(trx, ctx.actor, {
        action: auditAction,
        resourceType: "member_card",
        resourceId: card.id,
        patientId: card.patient_id,
        purpose: "card_management",
        details: { from: card.status, to, reason: input.reason },
      });
      return { cardId: card.id, status: to };
    }),
  );
}

/** Extends a card's validity; an expired card becomes active again. */
export async function renewCard(ctx: CardContext, input: { cardId: string; validTo: string; reason?: string | undefined }): Promise<{ cardId: string; status: CardStatus; validTo: string }> {
  return refusalAudited(ctx, () =>
    inPatientTransaction(ctx, async (trx) => {
      const card = await loadCardInScope(ctx, trx, input.cardId, "card.renew");
      const decision = decideRenewal({ status: card.status, validFrom: card.validFrom, validTo: card.validTo }, input.validTo, tenantToday(ctx));
      const details = { from: card.status, fromValidTo: card.validTo, toValidTo: input.validTo, reason: input.reason ?? null };
      const to = decided(decision, { action: "card.renew", cardId: card.id, patientId: card.patient_id, details });
      await trx.updateTable("member_cards").set({ status: to, valid_to: input.validTo, updated_at: new Date() }).where("id", "=", card.id).execute();
      await addTimelineEvent(trx, ctx, card.patient_id, "card.renewed", { cardId: card.id, level: card.level, ...details, to });
      await evaluateAfterChange(trx, ctx, [card.patient_id]);
      await recordAudit(trx, ctx.actor, { action: "card.renew", resourceType: "member_card", resourceId: card.id, patientId: card.patient_id, purpose: "card_management", details: { ...details, to } });
      return { cardId: card.id, status: to, validTo: input.validTo };
    }),
  );
}

function decided(decision: CardDecision, audit: CardRefused["audit"]): CardStatus {
  if (!decision.ok) throw new CardRefused(decision.error, audit);
  return decision.to;
}
