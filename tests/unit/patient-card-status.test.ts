import { describe, expect, it } from "vitest";
import { decideCardAction, decideRenewal, initialCardStatus, isDueToExpire, todayIn, type CardState } from "@/server/modules/patient/rules/card-status";

const today = "2026-11-29";
const card = (status: CardState["status"], validTo = "2027-12-31"): CardState => ({ status, validFrom: "2026-01-01", validTo });

describe("card status decisions", () => {
  it("freeze: only an active card", () => {
    expect(decideCardAction(card("active"), "freeze", today)).toEqual({ ok: true, to: "frozen" });
    expect(decideCardAction(card("frozen"), "freeze", today)).toEqual({ ok: false, error: "cardAlreadyFrozen" });
    expect(decideCardAction(card("expired"), "freeze", today)).toEqual({ ok: false, error: "cardExpiredNoFreeze" });
    expect(decideCardAction(card("cancelled"), "freeze", today)).toEqual({ ok: false, error: "cardCancelled" });
  });

  it("unfreeze: only a frozen card that is still valid today", () => {
    expect(decideCardAction(card("frozen"), "unfreeze", today)).toEqual({ ok: true, to: "active" });
    expect(decideCardAction(card("frozen", today), "unfreeze", today)).toEqual({ ok: true, to: "active" });
    expect(decideCardAction(card("frozen", "2026-11-28"), "unfreeze", today)).toEqual({ ok: false, error: "cardValidityEnded" });
    expect(decideCardAction(card("active"), "unfreeze", today)).toEqual({ ok: false, error: "cardNotFrozen" });
    expect(decideCardAction(card("cancelled"), "unfreeze", today)).toEqual({ ok: false, error: "cardCancelled" });
  });

  it("cancel: from any state but cancelled, which is final", () => {
    for (const s of ["active", "frozen", "expired"] as const) expect(decideCardAction(card(s), "cancel", today)).toEqual({ ok: true, to: "cancelled" });
    expect(decideCardAction(card("cancelled"), "cancel", today)).toEqual({ ok: false, error: "cardCancelled" });
  });

  it("renewal: later and not past; expired → active, frozen stays frozen", () => {
    expect(decideRenewal(card("active"), "2028-12-31", today)).toEqual({ ok: true, to: "active" });
    expect(decideRenewal(card("frozen"), "2028-12-31", today)).toEqual({ ok: true, to: "frozen" });
    expect(decideRenewal(card("expired", "2026-06-30"), "2027-06-30", today)).toEqual({ ok: true, to: "active" });
    expect(decideRenewal(card("expired", "2026-06-30"), today, today)).toEqual({ ok: true, to: "active" });
    expect(decideRenewal(card("expired", "2026-06-30"), "2026-11-28", today)).toEqual({ ok: false, error: "cardRenewInPast" });
    expect(decideRenewal(card("active"), "2027-12-31", today)).toEqual({ ok: false, error: "cardRenewNotLater" });
    expect(decideRenewal(card("active"), "2027-01-31", today)).toEqual({ ok: false, error: "cardRenewNotLater" });
    expect(decideRenewal(card("cancelled"), "2030-01-01", today)).toEqual({ ok: false, error: "cardCancelled" });
  });

  it("expiry: active and frozen cards after their last valid day", () => {
    expect(isDueToExpire(card("active", "2026-11-28"), today)).toBe(true);
    expect(isDueToExpire(card("frozen", "2026-11-28"), today)).toBe(true);
    expect(isDueToExpire(card("active", today), today)).toBe(false);
    expect(isDueToExpire(card("cancelled", "2020-01-01"), today)).toBe(false);
    expect(isDueToExpire(card("expired", "2020-01-01"), today)).toBe(false);
    expect(initialCardStatus("2026-11-28", today)).toBe("expired");
    expect(initialCardStatus(today, today)).toBe("active");
  });

  it("today is the tenant's calendar day", () => {
    const instant = new Date("2027-03-10T17:00:00Z");
    expect(todayIn("Asia/Shanghai", instant)).toBe("2027-03-11");
    expect(todayIn("America/Los_Angeles", instant)).toBe("2027-03-10");
    expect(todayIn("UTC", instant)).toBe("2027-03-10");
  });
});
