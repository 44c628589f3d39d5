import { Inngest } from "inngest";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { inngestDeliverer } from "@/server/jobs/inngest-deliverer";
import { enqueueEvent } from "@/server/jobs/outbox";
import { relayTenant } from "@/server/jobs/relay";
import { systemTenantById, type SystemTenant } from "@/server/jobs/system-tenant";
import { createFakeInngest } from "../support/fake-inngest";
import { createTestTenant, openTestDatabase } from "../support/test-database";

let handle: DatabaseHandle;
let tenant: SystemTenant;
let other: SystemTenant;

beforeAll(async () => {
  handle = await openTestDatabase();
  tenant = (await systemTenantById(handle, (await createTestTenant(handle)).id))!;
  other = (await systemTenantById(handle, (await createTestTenant(handle)).id))!;
});
afterAll(async () => handle?.close());

function scheduled(t: SystemTenant) {
  return { tenantId: t.id, reminderId: uuidv7(), patientId: uuidv7(), purpose: "care" as const };
}

async function pending(t: SystemTenant) {
  return t.db.selectFrom("outbox_events").selectAll().where("status", "=", "pending").orderBy("id").execute();
}

describe("enqueueEvent", () => {
  it("writes the event only when the surrounding transaction commits", async () => {
    const data = scheduled(tenant);
    await expect(
      tenant.db.transaction().execute(async (trx) => {
        await enqueueEvent(trx, "reminder/reminder.scheduled", data);
        throw new Error("domain change failed");
      }),
    ).rejects.toThrow("domain change failed");
    expect((await pending(tenant)).filter((r) => r.payload.reminderId === data.reminderId)).toHaveLength(0);

    const id = await tenant.db.transaction().execute((trx) => enqueueEvent(trx, "reminder/reminder.scheduled", data));
    const row = await tenant.db.selectFrom("outbox_events").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ event_name: "reminder/reminder.scheduled", status: "pending", attempts: 0, payload: data });
    await tenant.db.deleteFrom("outbox_events").execute();
  });

  it("refuses payloads with anything but the tenant id and record ids, and calls outside a transaction", async () => {
    const withPhone = { ...scheduled(tenant), phone: "13800138000" } as unknown as ReturnType<typeof scheduled>;
    await expect(tenant.db.transaction().execute((trx) => enqueueEvent(trx, "reminder/reminder.scheduled", withPhone))).rejects.toThrow();
    const notAnId = { ...scheduled(tenant), patientId: "张三" };
    await expect(tenant.db.transaction().execute((trx) => enqueueEvent(trx, "reminder/reminder.scheduled", notAnId))).rejects.toThrow();
    await expect(enqueueEvent(tenant.db, "reminder/reminder.scheduled", scheduled(tenant))).rejects.toThrow(/inside the transaction/);
    expect(await pending(tenant)).toHaveLength(0);
  });
});

describe("outbox relay → Inngest event API", () => {
  it("keeps every event while the server is unreachable and delivers each exactly once when it is back", async () => {
    const fake = await createFakeInngest();
    const client = new Inngest({ id: "carepath-relay-test", eventKey: "relay-test-key", baseUrl: fake.url, isDev: false });
    const deliverer = inngestDeliverer(client);
    const sent = [scheduled(tenant), scheduled(tenant), scheduled(tenant)];
    const ids = await tenant.db.transaction().execute(async (trx) => Promise.all(sent.map((d) => enqueueEvent(trx, "reminder/reminder.scheduled", d))));
    const otherIds = await other.db.transaction().execute(async (trx) => [await enqueueEvent(trx, "patient/patient.deactivated", { tenantId: other.id, patientId: uuidv7() })]);

    // 1. Unreachable: nothing is lost, the rows stay pending with the failure noted and a backoff.
    const down = await relayTenant(tenant, deliverer, { backoffSeconds: () => 0 });
    expect(down).toMatchObject({ claimed: 3, sent: 0, retried: 3 });
    const afterDown = await pending(tenant);
    expect(afterDown.map((r) => r.id).sort()).toEqual([...ids].sort());
    for (const row of afterDown) {
      expect(row.attempts).toBe(1);
      expect(row.last_error).toMatch(/ECONNREFUSED|fetch failed/i);
      expect(row.claimed_until).toBeNull();
    }

    // 2. Reachable: one request, every event once, the outbox row id as Inngest's event id.
    await fake.listen();
    try {
      const up = await relayTenant(tenant, deliverer, { backoffSeconds: () => 0 });
      expect(up).toMatchObject({ claimed: 3, sent: 3, retried: 0 });
      expect(fake.keys).toEqual(["relay-test-key"]);
      expect(fake.received.map((e) => e.id).sort()).toEqual([...ids].sort());
      for (const e of fake.received) {
        expect(e.name).toBe("reminder/reminder.scheduled");
        expect(Object.keys(e.data).sort()).toEqual(["patientId", "purpose", "reminderId", "tenantId"]);
      }
      expect(sent).toContainEqual(fake.received[0]!.data);
      expect(await pending(tenant)).toHaveLength(0);
      const rows = await tenant.db.selectFrom("outbox_events").select(["status", "sent_at", "last_error"]).where("id", "in", ids).execute();
      expect(rows.every((r) => r.status === "sent" && r.sent_at instanceof Date && r.last_error === null)).toBe(true);

      // 3. Nothing is sent twice, and the other tenant's outbox was not touched by this tenant's relay.
      const again = await relayTenant(tenant, deliverer);
      expect(again.claimed).toBe(0);
      expect(fake.received).toHaveLength(3);
      expect((await pending(other)).map((r) => r.id)).toEqual(otherIds);
      await relayTenant(other, deliverer);
      expect(fake.received.map((e) => e.id)).toContain(otherIds[0]);
    } finally {
      await fake.close();
    }
  });

  it("retries after a 5xx from the event API and holds back events that are not due yet", async () => {
    const fake = await createFakeInngest();
    await fake.listen();
    try {
      const client = new Inngest({ id: "carepath-relay-test", eventKey: "k", baseUrl: fake.url, isDev: false });
      const later = new Date(Date.now() + 3_600_000);
      const [dueId, laterId] = await tenant.db.transaction().execute(async (trx) => [
        await enqueueEvent(trx, "reminder/reminder.cancelled", scheduled(tenant)),
        await enqueueEvent(trx, "reminder/reminder.cancelled", scheduled(tenant), { notBefore: later }),
      ]);
      fake.failNextRequests(5); // the SDK's own five attempts all fail
      const failed = await relayTenant(tenant, inngestDeliverer(client), { backoffSeconds: () => 0 });
      expect(failed).toMatchObject({ claimed: 1, retried: 1 });
      const row = await tenant.db.selectFrom("outbox_events").selectAll().where("id", "=", dueId!).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: "pending", attempts: 1 });
      const ok = await relayTenant(tenant, inngestDeliverer(client), { backoffSeconds: () => 0 });
      expect(ok).toMatchObject({ claimed: 1, sent: 1 });
      expect(fake.received.map((e) => e.id)).toEqual([dueId]);
      expect((await pending(tenant)).map((r) => r.id)).toEqual([laterId]);
    } finally {
      await fake.close();
    }
  });

  it("two relays running at once never claim the same rows", async () => {
    const fake = await createFakeInngest();
    await fake.listen();
    try {
      const client = new Inngest({ id: "carepath-relay-test", eventKey: "k", baseUrl: fake.url, isDev: false });
      const ids = await tenant.db.transaction().execute(async (trx) => {
        const out: string[] = [];
        for (let i = 0; i < 40; i++) out.push(await enqueueEvent(trx, "reminder/reminder.scheduled", scheduled(tenant)));
        return out;
      });
      const [a, b] = await Promise.all([
        relayTenant(tenant, inngestDeliverer(client), { batchSize: 7 }),
        relayTenant(tenant, inngestDeliverer(client), { batchSize: 7 }),
      ]);
      expect(a.sent + b.sent).toBe(40);
      expect(fake.received.map((e) => e.id).sort()).toEqual([...ids].sort());
      expect(fake.requests).toBeGreaterThanOrEqual(6);
    } finally {
      await fake.close();
    }
  });

  it("reaches a tenant only through its id in control.tenants", async () => {
    expect(await systemTenantById(handle, uuidv7())).toBeNull();
    const same = await systemTenantById(handle, tenant.id);
    expect(same?.slug).toBe(tenant.slug);
  });
});
