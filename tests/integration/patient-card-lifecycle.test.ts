import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import { forTenant, type TenantDb } from "@/db/tenant";
import { localiseMessage } from "@/server/api/localize-error";
import type { SessionUser } from "@/server/auth/types";
import { makeCardNumber } from "@/server/modules/patient/rules/card-number";
import { callerFor, outcome } from "../support/caller";
import { createMember } from "../support/factories";
import { createTestTenant, openTestDatabase } from "../support/test-database";

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let tdb: TenantDb;
let service: SessionUser;
let hm1: SessionUser;
let hm2: SessionUser;
let auditor: SessionUser;

const card = { level: "金卡", servicePackage: "年度体检", validFrom: "2026-01-01", validTo: "2030-12-31", entitlements: [{ code: "checkup", name: "体检", remaining: 2 }] };

async function openFor(manager: SessionUser, name: string) {
  const r = await callerFor(db, service, tenant.slug).patient.openCard({ patient: { name, birthDate: "1970-05-05", sex: "female" }, card, managerUserId: manager.id });
  if (r.outcome !== "created") throw new Error("expected created");
  return r;
}

/** The refusal's code, catalogue key and Chinese text (what a zh-CN caller reads). */
async function refusal(call: Promise<unknown>): Promise<{ code: string; key: string; zh: string }> {
  const e = (await call.then(
    () => {
      throw new Error("expected a refusal");
    },
    (error: unknown) => error,
  )) as { code: string; message: string };
  // Input validation failures carry zod's issue list; the first issue's message is the catalogue key.
  const key = e.message.startsWith("[") ? (JSON.parse(e.message) as { message: string }[])[0]!.message : e.message;
  return { code: e.code, key, zh: localiseMessage(key, "zh-CN") };
}

const cardRow = (id: string) => tdb.selectFrom("member_cards").select(["status", "valid_to", "updated_at"]).where("id", "=", id).executeTakeFirstOrThrow();
const auditOf = (cardId: string) =>
  tdb.selectFrom("audit_events").select(["action", "outcome", "purpose", "details", "actor_user_id"]).where("resource_id", "=", cardId).orderBy("seq").execute();

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db, "会员卡医院");
  tdb = forTenant(db.unsafeRoot, tenant.slug);
  service = await createMember(db, tenant.id, "customer_service");
  hm1 = await createMember(db, tenant.id, "health_manager");
  hm2 = await createMember(db, tenant.id, "health_manager");
  auditor = await createMember(db, tenant.id, "auditor");
});
afterAll(async () => {
  await db.close();
});

describe("member card life cycle", () => {
  it("freezes and unfreezes with a reason: status, timeline entry and audit event each time", async () => {
    const p = await openFor(hm1, "冯一");
    const hm = callerFor(db, hm1, tenant.slug);
    expect(await hm.card.changeStatus({ cardId: p.cardId, action: "freeze", reason: "出国半年" })).toEqual({ cardId: p.cardId, status: "frozen" });
    expect((await hm.patient.byId({ patientId: p.patientId })).cards[0]!.status).toBe("frozen");
    expect(await hm.card.changeStatus({ cardId: p.cardId, action: "unfreeze", reason: "已回国" })).toEqual({ cardId: p.cardId, status: "active" });
    const timeline = await hm.patient.timeline({ patientId: p.patientId });
    const changes = timeline.items.filter((i) => i.kind === "card.status_changed").map((i) => i.details);
    expect(changes).toEqual([
      expect.objectContaining({ cardId: p.cardId, from: "frozen", to: "active", reason: "已回国" }),
      expect.objectContaining({ cardId: p.cardId, from: "active", to: "frozen", reason: "出国半年" }),
    ]);
    const audit = (await auditOf(p.cardId)).filter((a) => a.action !== "card.open");
    expect(audit).toEqual([
      { action: "card.freeze", outcome: "success", purpose: "card_management", details: { from: "active", to: "frozen", reason: "出国半年" }, actor_user_id: hm1.id },
      { action: "card.unfreeze", outcome: "success", purpose: "card_management", details: { from: "frozen", to: "active", reason: "已回国" }, actor_user_id: hm1.id },
    ]);
  });

  it("refuses transitions the card's state does not allow: localised error, nothing changed, denial audited", async () => {
    const p = await openFor(hm1, "冯二");
    const hm = callerFor(db, hm1, tenant.slug, "zh-CN");
    expect(await refusal(hm.card.changeStatus({ cardId: p.cardId, action: "unfreeze", reason: "误操作" }))).toEqual({ code: "BAD_REQUEST", key: "errors.cardNotFrozen", zh: "只有已冻结的会员卡才能解冻。" });
    await hm.card.changeStatus({ cardId: p.cardId, action: "freeze", reason: "暂停服务" });
    expect((await refusal(hm.card.changeStatus({ cardId: p.cardId, action: "freeze", reason: "再次" }))).key).toBe("errors.cardAlreadyFrozen");
    expect(await hm.card.changeStatus({ cardId: p.cardId, action: "cancel", reason: "客户退卡" })).toEqual({ cardId: p.cardId, status: "cancelled" });
    const before = await cardRow(p.cardId);
    const events = async () => (await tdb.selectFrom("patient_events").select("id").where("patient_id", "=", p.patientId).execute()).length;
    const eventsBefore = await events();
    expect(await refusal(hm.card.changeStatus({ cardId: p.cardId, action: "unfreeze", reason: "恢复" }))).toEqual({ code: "BAD_REQUEST", key: "errors.cardCancelled", zh: "该会员卡已注销，不能再更改。" });
    expect((await refusal(hm.card.changeStatus({ cardId: p.cardId, action: "cancel", reason: "再注销" }))).key).toBe("errors.cardCancelled");
    expect((await refusal(hm.card.renew({ cardId: p.cardId, validTo: "2035-01-01" }))).key).toBe("errors.cardCancelled");
    expect(await cardRow(p.cardId)).toEqual(before);
    expect(await events()).toBe(eventsBefore);
    const denied = (await auditOf(p.cardId)).filter((a) => a.outcome === "denied").map((a) => [a.action, a.details.refused]);
    expect(denied).toEqual([
      ["card.unfreeze", "cardNotFrozen"],
      ["card.freeze", "cardAlreadyFrozen"],
      ["card.unfreeze", "cardCancelled"],
      ["card.cancel", "cardCancelled"],
      ["card.renew", "cardCancelled"],
    ]);
  });

  it("will not unfreeze a card whose validity has ended, nor freeze an expired one", async () => {
    const p = await openFor(hm1, "冯三");
    const hm = callerFor(db, hm1, tenant.slug);
    await hm.card.changeStatus({ cardId: p.cardId, action: "freeze", reason: "住院" });
    await tdb.updateTable("member_cards").set({ valid_to: "2026-02-01" }).where("id", "=", p.cardId).execute();
    expect((await refusal(hm.card.changeStatus({ cardId: p.cardId, action: "unfreeze", reason: "出院" }))).key).toBe("errors.cardValidityEnded");
    await tdb.updateTable("member_cards").set({ status: "expired" }).where("id", "=", p.cardId).execute();
    expect((await refusal(hm.card.changeStatus({ cardId: p.cardId, action: "freeze", reason: "x" }))).key).toBe("errors.cardExpiredNoFreeze");
    expect((await cardRow(p.cardId)).status).toBe("expired");
  });

  it("renews to a later end date (an expired card becomes active again) and refuses an earlier or past one", async () => {
    const p = await openFor(hm1, "冯四");
    const hm = callerFor(db, hm1, tenant.slug);
    expect((await refusal(hm.card.renew({ cardId: p.cardId, validTo: "2030-12-31" }))).key).toBe("errors.cardRenewNotLater");
    expect((await refusal(hm.card.renew({ cardId: p.cardId, validTo: "2029-01-01" }))).key).toBe("errors.cardRenewNotLater");
    expect((await refusal(hm.card.renew({ cardId: p.cardId, validTo: "2031-02-30" }))).key).toBe("errors.dateInvalid");
    expect(await hm.card.renew({ cardId: p.cardId, validTo: "2031-12-31", reason: "续费一年" })).toEqual({ cardId: p.cardId, status: "active", validTo: "2031-12-31" });
    await tdb.updateTable("member_cards").set({ status: "expired", valid_to: "2026-03-31" }).where("id", "=", p.cardId).execute();
    expect((await refusal(hm.card.renew({ cardId: p.cardId, validTo: "2026-06-30" }))).key).toBe("errors.cardRenewInPast");
    expect(await hm.card.renew({ cardId: p.cardId, validTo: "2032-03-31" })).toEqual({ cardId: p.cardId, status: "active", validTo: "2032-03-31" });
    const header = await hm.patient.byId({ patientId: p.patientId });
    expect(header.cards[0]).toMatchObject({ status: "active", validTo: "2032-03-31", entitlements: [{ code: "checkup", name: "体检", remaining: 2 }] });
    const renewed = (await hm.patient.timeline({ patientId: p.patientId })).items.filter((i) => i.kind === "card.renewed").map((i) => i.details);
    expect(renewed).toEqual([
      expect.objectContaining({ from: "expired", to: "active", fromValidTo: "2026-03-31", toValidTo: "2032-03-31" }),
      expect.objectContaining({ from: "active", to: "active", fromValidTo: "2030-12-31", toValidTo: "2031-12-31", reason: "续费一年" }),
    ]);
  });

  it("opens another card for an existing patient; a taken number is a CONFLICT, reversed validity a localised error, and nothing is added", async () => {
    const p = await openFor(hm1, "冯五");
    const hm = callerFor(db, hm1, tenant.slug);
    const cardNumber = makeCardNumber();
    const second = await hm.card.open({ patientId: p.patientId, card: { level: "银卡", validFrom: "2026-06-01", validTo: "2027-05-31", cardNumber } });
    expect(second).toEqual({ cardId: expect.any(String), cardNumber, status: "active" });
    const past = await hm.card.open({ patientId: p.patientId, card: { level: "体验卡", validFrom: "2025-01-01", validTo: "2025-12-31" } });
    expect(past.status).toBe("expired");
    const count = async () => (await tdb.selectFrom("member_cards").select("id").where("patient_id", "=", p.patientId).execute()).length;
    expect(await count()).toBe(3);
    expect(await refusal(hm.card.open({ patientId: p.patientId, card: { level: "银卡", validFrom: "2026-06-01", validTo: "2027-05-31", cardNumber } }))).toEqual({ code: "CONFLICT", key: "errors.cardNumberTaken", zh: "该卡号已被使用。" });
    const deniedOpen = await tdb.selectFrom("audit_events").select(["action", "outcome", "details"]).where("patient_id", "=", p.patientId).where("outcome", "=", "denied").execute();
    expect(deniedOpen).toEqual([{ action: "card.open", outcome: "denied", details: { level: "银卡", refused: "cardNumberTaken" } }]);
    expect((await refusal(hm.card.open({ patientId: p.patientId, card: { level: "银卡", validFrom: "2027-01-01", validTo: "2026-01-01" } }))).code).toBe("BAD_REQUEST");
    expect(await count()).toBe(3);
    expect((await hm.patient.byId({ patientId: p.patientId })).cards.map((c) => c.level).sort()).toEqual(["体验卡", "金卡", "银卡"]);
  });

  it("another manager's card, an unknown card id and another manager's patient are NOT_FOUND, audited, unchanged; roles without patient.write are refused", async () => {
    const p = await openFor(hm1, "冯六");
    const other = callerFor(db, hm2, tenant.slug);
    const before = await cardRow(p.cardId);
    expect(await outcome(other.card.changeStatus({ cardId: p.cardId, action: "freeze", reason: "x" }))).toBe("NOT_FOUND");
    expect(await outcome(other.card.renew({ cardId: p.cardId, validTo: "2040-01-01" }))).toBe("NOT_FOUND");
    expect(await outcome(other.card.open({ patientId: p.patientId, card }))).toBe("NOT_FOUND");
    const unknown = uuidv7();
    expect(await outcome(other.card.changeStatus({ cardId: unknown, action: "cancel", reason: "x" }))).toBe("NOT_FOUND");
    expect(await cardRow(p.cardId)).toEqual(before);
    expect((await tdb.selectFrom("member_cards").select("id").where("patient_id", "=", p.patientId).execute()).length).toBe(1);
    const denials = await tdb.selectFrom("audit_events").select(["resource_id", "details"]).where("actor_user_id", "=", hm2.id).where("action", "=", "patient.access_denied").orderBy("seq").execute();
    expect(denials.map((d) => [d.resource_id, d.details.attempted])).toEqual([
      [p.patientId, "card.freeze"],
      [p.patientId, "card.renew"],
      [p.patientId, "card.open"],
      [unknown, "card.cancel"],
    ]);
    expect(await outcome(callerFor(db, auditor, tenant.slug).card.changeStatus({ cardId: p.cardId, action: "freeze", reason: "x" }))).toBe("FORBIDDEN");
    expect(await outcome(callerFor(db, hm1, tenant.slug).card.changeStatus({ cardId: p.cardId, action: "freeze", reason: "  " }))).toBe("BAD_REQUEST");
    expect(await outcome(callerFor(db, hm1, tenant.slug).card.changeStatus({ cardId: p.cardId, action: "expire" as never, reason: "x" }))).toBe("BAD_REQUEST");
    expect(await cardRow(p.cardId)).toEqual(before);
  });
});
