import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import { callerFor } from "../support/caller";
import { createMember } from "../support/factories";
import { createFakeInngest } from "../support/fake-inngest";
import { createIsolatedDatabase, createTestTenant } from "../support/test-database";

// The Inngest client reads its configuration when it is created.
const fake = await createFakeInngest();
vi.stubEnv("INNGEST_BASE_URL", fake.url);
vi.stubEnv("INNGEST_EVENT_KEY", "card-expiry-test-key");

const { useDatabase } = await import("@/server/tenancy/database");
const { expireMemberCards, expireMemberCardsPass } = await import("@/server/jobs/functions/expire-member-cards");

let isolated: Awaited<ReturnType<typeof createIsolatedDatabase>>;
let handle: DatabaseHandle;

beforeAll(async () => {
  // The sweep visits every tenant: a database no other test file writes to.
  isolated = await createIsolatedDatabase();
  handle = await isolated.open();
  useDatabase(handle);
});
afterAll(async () => {
  await fake.close();
  await handle?.close();
  await isolated?.drop();
  vi.unstubAllEnvs();
});

async function tenantWithCards(name: string, timeZone: string, validTos: string[]) {
  const tenant = await createTestTenant(handle, name);
  await handle.control.updateTable("tenants").set({ time_zone: timeZone }).where("id", "=", tenant.id).execute();
  const cs = callerFor(handle, await createMember(handle, tenant.id, "customer_service"), tenant.slug);
  const cards: { patientId: string; cardId: string }[] = [];
  for (const [i, validTo] of validTos.entries()) {
    const r = await cs.patient.openCard({ patient: { name: `到期${i}`, birthDate: "1966-06-06", sex: "male" }, card: { level: "银卡", validFrom: "2026-01-01", validTo } });
    if (r.outcome !== "created") throw new Error("expected created");
    cards.push({ patientId: r.patientId, cardId: r.cardId });
  }
  return { ...tenant, db: forTenant(handle.unsafeRoot, tenant.slug), cards, cs };
}

describe("expire-member-cards (cron function)", () => {
  it("expires cards after their last valid day in each tenant's own calendar, audited, with a timeline entry, once", async () => {
    // 2027-03-10 17:00 UTC is 11 March 01:00 in Shanghai but still 10 March 09:00 in Los Angeles.
    const now = new Date("2027-03-10T17:00:00Z");
    const shanghai = await tenantWithCards("上海时区医院", "Asia/Shanghai", ["2027-03-10", "2027-03-01", "2027-03-01", "2027-03-11"]);
    const la = await tenantWithCards("洛杉矶时区医院", "America/Los_Angeles", ["2027-03-10", "2027-03-09"]);
    const suspended = await tenantWithCards("停用医院", "Asia/Shanghai", ["2027-03-01"]);
    await handle.control.updateTable("tenants").set({ status: "suspended" }).where("id", "=", suspended.id).execute();
    const [, frozen, cancelled] = shanghai.cards;
    await shanghai.cs.card.changeStatus({ cardId: frozen!.cardId, action: "freeze", reason: "出国" });
    await shanghai.cs.card.changeStatus({ cardId: cancelled!.cardId, action: "cancel", reason: "退卡" });

    expect(await expireMemberCardsPass(now)).toEqual({ tenants: 2, expired: 3 });
    const statuses = async (t: typeof shanghai) => {
      const rows = await t.db.selectFrom("member_cards").select(["id", "status"]).execute();
      return t.cards.map((c) => rows.find((r) => r.id === c.cardId)!.status);
    };
    expect(await statuses(shanghai)).toEqual(["expired", "expired", "cancelled", "active"]);
    expect(await statuses(la)).toEqual(["active", "expired"]);
    expect(await statuses(suspended)).toEqual(["active"]);

    const audit = await shanghai.db.selectFrom("audit_events").select(["action", "outcome", "actor_role", "resource_id", "details"]).where("action", "=", "card.expire").orderBy("seq").execute();
    expect(audit).toEqual([
      { action: "card.expire", outcome: "success", actor_role: "system", resource_id: frozen!.cardId, details: { from: "frozen", validTo: "2027-03-01", today: "2027-03-11" } },
      { action: "card.expire", outcome: "success", actor_role: "system", resource_id: shanghai.cards[0]!.cardId, details: { from: "active", validTo: "2027-03-10", today: "2027-03-11" } },
    ]);
    const timeline = await shanghai.db.selectFrom("patient_events").select(["kind", "actor_user_id", "details"]).where("patient_id", "=", shanghai.cards[0]!.patientId).where("kind", "=", "card.status_changed").execute();
    expect(timeline).toEqual([{ kind: "card.status_changed", actor_user_id: null, details: { cardId: shanghai.cards[0]!.cardId, level: "银卡", from: "active", to: "expired", by: "system" } }]);

    // Idempotent: a repeated pass at the same instant changes nothing and audits nothing more.
    expect(await expireMemberCardsPass(now)).toEqual({ tenants: 2, expired: 0 });
    expect((await shanghai.db.selectFrom("audit_events").select("id").where("action", "=", "card.expire").execute()).length).toBe(2);
    // Later the same day in Los Angeles' calendar, its 10 March card goes too.
    expect(await expireMemberCardsPass(new Date("2027-03-11T08:30:00Z"))).toEqual({ tenants: 2, expired: 1 });
    expect(await statuses(la)).toEqual(["expired", "expired"]);
  });

  it("runs as the Inngest cron function and a second run finds nothing", async () => {
    const t = await tenantWithCards("定时医院", "Asia/Shanghai", ["2030-01-01"]);
    await t.db.updateTable("member_cards").set({ valid_to: "2026-02-01" }).where("id", "=", t.cards[0]!.cardId).execute();
    const first = await new InngestTestEngine({ function: expireMemberCards }).execute();
    expect(first.result).toEqual({ tenants: expect.any(Number), expired: 1 });
    const second = await new InngestTestEngine({ function: expireMemberCards }).execute();
    expect(second.result).toEqual({ tenants: expect.any(Number), expired: 0 });
    const header = await t.cs.patient.byId({ patientId: t.cards[0]!.patientId });
    expect(header.cards[0]!.status).toBe("expired");
  });
});
