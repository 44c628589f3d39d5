import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { inlineExecutor } from "@/server/jobs/inline-executor";
import { relayTenant } from "@/server/jobs/relay";
import { systemTenantById, type SystemTenant } from "@/server/jobs/system-tenant";
import { withdrawByOptOut } from "@/server/modules/consent/consent.service";
import { useChannels } from "@/server/notify/config";
import { signOptOut, verifyOptOut } from "@/server/notify/opt-out-token";
import { useDatabase } from "@/server/tenancy/database";
import { callerFor } from "../support/caller";
import { createMember } from "../support/factories";
import { reminderFixture, runDelivery } from "../support/reminder-fixture";
import { openTestDatabase } from "../support/test-database";

let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof reminderFixture>>;
let tenant: SystemTenant;
const noBackoff = { backoffSeconds: () => 0 };

beforeAll(async () => {
  handle = await openTestDatabase();
  useDatabase(handle);
  // No provider configured: messages land in the development outbox.
  useChannels({ sms: null, email: null, publicBaseUrl: "http://localhost:3000" });
  fx = await reminderFixture(handle);
  tenant = (await systemTenantById(handle, fx.tenant.id))!;
});
afterAll(async () => {
  useChannels(undefined);
  await handle?.close();
});

describe("inline executor (no Inngest server) and the development outbox", () => {
  it("the relay runs the delivery in-process; the admin sees the message that would have been sent", async () => {
    const p = await fx.patient();
    const { reminderId } = await fx.schedule({ patientId: p.id, kind: "measurement", channels: ["sms", "email"], sendAt: new Date(), note: "测血糖" });
    const report = await relayTenant(tenant, inlineExecutor, noBackoff);
    expect(report.sent).toBeGreaterThanOrEqual(1);
    expect((await fx.caller.reminder.list({ patientId: p.id })).find((r) => r.id === reminderId)).toMatchObject({
      status: "sent",
      note: "测血糖",
      deliveries: expect.arrayContaining([expect.objectContaining({ channel: "sms", status: "sent", provider: "dev-outbox" })]),
    });
    const admin = await createMember(handle, fx.tenant.id, "tenant_admin");
    const outbox = await callerFor(handle, admin, fx.tenant.slug).messaging.devOutbox();
    const mine = outbox.filter((m) => m.patientId === p.id);
    expect(mine.map((m) => m.channel).sort()).toEqual(["email", "sms"]);
    const sms = mine.find((m) => m.channel === "sms")!;
    expect(sms.recipient).toBe(`${p.phone.slice(0, 3)}****${p.phone.slice(-4)}`);
    expect(sms.body).toContain("测量提醒");
    expect(sms.body).toContain("测血糖");
    expect(mine.find((m) => m.channel === "email")!.subject).toBe("【提醒医院】测量提醒");
    // The sealed columns hold no clear text.
    const raw = await fx.db.selectFrom("dev_outbox_messages").select(["body_sealed", "recipient_masked"]).where("patient_id", "=", p.id).execute();
    for (const r of raw) {
      expect(r.body_sealed).not.toContain("测血糖");
      expect(r.recipient_masked).not.toContain(p.phone);
    }
  });

  it("a reminder due later waits in the outbox until its time (the sleep becomes available_at)", async () => {
    const p = await fx.patient();
    const sendAt = new Date(Date.now() + 3600_000);
    const { event } = await fx.schedule({ patientId: p.id, kind: "measurement", channels: ["sms"], sendAt });
    await relayTenant(tenant, inlineExecutor, noBackoff);
    const row = await fx.db.selectFrom("outbox_events").selectAll().where("id", "=", event.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "pending", attempts: 0 });
    expect(row.available_at.getTime()).toBe(sendAt.getTime());
  });

  it("a run that keeps failing lands in the dead-letter list; an admin can retry it", async () => {
    const p = await fx.patient();
    const { event } = await fx.schedule({ patientId: p.id, kind: "measurement", channels: ["sms"], sendAt: new Date() });
    // The patient's wrapped key no longer opens (e.g. restored from the wrong backup): every attempt fails.
    await fx.db.updateTable("patients").set({ key_sealed: "v1.bad.key" }).where("id", "=", p.id).execute();
    for (let i = 0; i < 8; i++) await relayTenant(tenant, inlineExecutor, noBackoff);
    const outboxRow = await fx.db.selectFrom("outbox_events").select(["status", "attempts"]).where("id", "=", event.id).executeTakeFirstOrThrow();
    expect(outboxRow).toEqual({ status: "dead", attempts: 6 });
    const admin = await createMember(handle, fx.tenant.id, "tenant_admin");
    const jobs = callerFor(handle, admin, fx.tenant.slug).jobs;
    const failures = await jobs.failures();
    const failure = failures.find((f) => f.payload.reminderId === event.data.reminderId);
    expect(failure).toMatchObject({ functionId: "reminder-deliver", eventName: "reminder/reminder.scheduled", attempts: 6 });
    // A single failed run through the Inngest engine reports the same error.
    expect((await runDelivery(event)).error).toBeDefined();

    await jobs.resolve({ failureId: failure!.id, resolution: "retried" });
    expect((await jobs.failures()).find((f) => f.id === failure!.id)).toBeUndefined();
    const requeued = await fx.db.selectFrom("outbox_events").select(["status", "payload"]).where("status", "=", "pending").execute();
    expect(requeued.map((r) => r.payload)).toContainEqual(event.data);
    await expect(jobs.resolve({ failureId: failure!.id, resolution: "dismissed" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // Roles other than tenant admin cannot see the list.
    await expect(fx.caller.jobs.failures()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("opt-out link", () => {
  it("withdraws the consent at once (history kept), cancels queued reminders, and is idempotent", async () => {
    const p = await fx.patient();
    const queued = await fx.schedule({ patientId: p.id, kind: "measurement", channels: ["sms"], sendAt: new Date(Date.now() + 3600_000) });
    const token = signOptOut({ tenantId: fx.tenant.id, patientId: p.id, purpose: "care", channel: "sms" });
    expect(token).not.toContain(p.id);
    expect(verifyOptOut(token)).toEqual({ tenantId: fx.tenant.id, patientId: p.id, purpose: "care", channel: "sms" });

    const result = await withdrawByOptOut(handle, token, { ip: "10.1.1.1", userAgent: "phone" });
    expect(result).toEqual({ ok: true, purpose: "care", hospital: "提醒医院" });
    const overview = await fx.caller.consent.get({ patientId: p.id });
    expect(overview.current.care).toMatchObject({ granted: false, source: "opt_out_link" });
    expect(overview.history.map((h) => [h.action, h.source])).toEqual([
      ["withdraw", "opt_out_link"],
      ["grant", "paper_form"],
    ]);
    expect((await fx.db.selectFrom("reminders").select(["status", "status_reason"]).where("id", "=", queued.reminderId).executeTakeFirstOrThrow())).toEqual({ status: "cancelled", status_reason: "consent_withdrawn" });
    expect((await runDelivery(queued.event)).result).toEqual({ status: "cancelled" });

    await withdrawByOptOut(handle, token, { ip: null, userAgent: null });
    expect((await fx.caller.consent.get({ patientId: p.id })).history).toHaveLength(2);
  });

  it("rejects tampered and foreign tokens", async () => {
    const p = await fx.patient();
    const token = signOptOut({ tenantId: fx.tenant.id, patientId: p.id, purpose: "care", channel: "email" });
    const [payload, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ t: fx.tenant.id, p: p.id, u: "marketing", c: "email" })).toString("base64url");
    expect(verifyOptOut(`${forged}.${mac}`)).toBeNull();
    expect(verifyOptOut(`${payload}.${mac!.slice(0, -2)}AA`)).toBeNull();
    expect(verifyOptOut("garbage")).toBeNull();
    expect(verifyOptOut(signOptOut({ tenantId: fx.tenant.id, patientId: p.id, purpose: "care", channel: "email" }, Buffer.alloc(32, 7)))).toBeNull();
    expect(await withdrawByOptOut(handle, `${forged}.${mac}`, { ip: null, userAgent: null })).toEqual({ ok: false });
    expect((await fx.caller.consent.get({ patientId: p.id })).current.care).toMatchObject({ granted: true });
  });

  it("consent history cannot be rewritten", async () => {
    const p = await fx.patient();
    await expect(fx.db.updateTable("patient_consents").set({ action: "withdraw" }).where("patient_id", "=", p.id).execute()).rejects.toThrow(/append-only/);
  });
});
