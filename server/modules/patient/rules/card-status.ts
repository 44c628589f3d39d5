/**
 * The member card life cycle as pure decisions. A card is valid through `validTo` (inclusive) in the
 * tenant's calendar; dates are YYYY-MM-DD strings, so comparing them as strings is comparing days.
 *
 *   active ──freeze──► frozen ──unfreeze──► active
 *   active | frozen ──(validTo passed, system)──► expired ──renew──► active
 *   active | frozen | expired ──cancel──► cancelled (final)
 */

import { isoLocalDate, localDateOf } from "@/server/shared/zoned-time";

export type CardStatus = "active" | "frozen" | "expired" | "cancelled";
export type CardAction = "freeze" | "unfreeze" | "cancel";

export interface CardState {
  status: CardStatus;
  validFrom: string;
  validTo: string;
}

/** Either the status the change leads to, or the `errors.*` key that explains the refusal. */
export type CardDecision = { ok: true; to: CardStatus } | { ok: false; error: string };

const refuse = (error: string): CardDecision => ({ ok: false, error });

/** Freeze, unfreeze or cancel by staff. */
export function decideCardAction(card: CardState, action: CardAction, today: string): CardDecision {
  if (card.status === "cancelled") return refuse("cardCancelled");
  switch (action) {
    case "freeze":
      if (card.status === "frozen") return refuse("cardAlreadyFrozen");
      if (card.status === "expired") return refuse("cardExpiredNoFreeze");
      return { ok: true, to: "frozen" };
    case "unfreeze":
      if (card.status !== "frozen") return refuse("cardNotFrozen");
      if (card.validTo < today) return refuse("cardValidityEnded");
      return { ok: true, to: "active" };
    case "cancel":
      return { ok: true, to: "cancelled" };
  }
}

/**
 * Extends validity to `newValidTo`. It must be later than the current end and not already past; an
 * expired card becomes active again, a frozen card stays frozen, a cancelled card cannot be renewed.
 */
export function decideRenewal(card: CardState, newValidTo: string, today: string): CardDecision {
  if (card.status === "cancelled") return refuse("cardCancelled");
  if (newValidTo <= card.validTo) return refuse("cardRenewNotLater");
  if (newValidTo < today) return refuse("cardRenewInPast");
  return { ok: true, to: card.status === "expired" ? "active" : card.status };
}

/** The status a newly opened card starts in. */
export function initialCardStatus(validTo: string, today: string): CardStatus {
  return validTo < today ? "expired" : "active";
}

/** Whether the expiry sweep turns this card to `expired` today. */
export function isDueToExpire(card: Pick<CardState, "status" | "validTo">, today: string): boolean {
  return (card.status === "active" || card.status === "frozen") && card.validTo < today;
}

/** Today's date (YYYY-MM-DD) in the tenant's time zone: the day card validity is measured against. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return isoLocalDate(localDateOf(now, timeZone));
}
