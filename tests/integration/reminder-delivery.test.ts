import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { deliverReminder } from "@/server/jobs/functions/deliver-reminder";
import { smtpSender } from "@/server/notify/email/smtp-sender";
import { useChannels, type NotifyChannels } from "@/server/notify/config";
import { aliyunSms } from "@/server/notify/sms/aliyun";
import type { SmsProvider } from "@/server/notify/types";
import { localParts } from "@/server/modules/reminder/rules/zoned-time";
import { useDatabase } from "@/server/tenancy/database";
import { createFakeAliyunSms } from "../support/fake-sms-providers";
import { reminderFixture, runDelivery } from "../support/reminder-fixture";
import { createSmtpSink } from "../support/smtp-sink";
import { openTestDatabase } from "../support/test-database";

const keys = { accessKeyId: "LTAI5tReminderKey", accessKeySecret: "reminder-secret" };
const templates = { appointment: "SMS_1000001", recheck: "SMS_1000002", measurement: "SMS_1000003", questionnaire: "SMS_1000005" };

let handle: DatabaseHandle;
let fx: Awaited<ReturnType<typeof reminderFixture>>;
let aliyun: Awaited<ReturnType<typeof createFakeAliyunSms>>;
let smtp: Awaited<ReturnType<typeof createSmtpSink>>;
let channels: NotifyChannels;

beforeAll(async () => {
  handle = await openTestDatabase();
  useDatabase(handle);
  fx = await reminderFixture(handle);
  aliyun = await createFakeAliyunSms(keys);
  smtp = await createSmtpSink();
  channels = {
    sms: aliyunSms({ ...keys, signName: "康程健康", templates, endpoint: `${aliyun.url}/` }),
    email: smtpSender({ url: smtp.url, from: "no-reply@hospital.example" }),
    publicBaseUrl: "https://carepath.example",
  };
});
beforeEach(() => useChannels(channels));
afterAll(async () => {
  useChannels(undefined);
  await aliyun?.close();
  await smtp?.close();
  await handle?.close();
});

const soon = () => new Date(Date.now() + 1000);
const smsTo = (phone: string) => aliyun.accepted.filter((m) => m.phone === phone);
const mailTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email));
const deliveries = (reminderId: string) => fx.db.selectFrom("reminder_deliveries").selectAll().where("reminder_id", "=", reminderId).orderBy("channel").execute();
const reminder = (id: string) => fx.db.selectFrom("reminders").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("reminder-deliver", () => {
  it("sends SMS and email once, records each delivery and audits it", async () => {
    const p = await fx.patient();
    const { reminderId, event } = await fx.schedule({ patientId: p.id, kind: "recheck", channels: ["sms", "email"], sendAt: soon(), subjectAt: new Date(Date.now() + 86400_000), note: "请空腹前来" });
    expect(Object.keys(event.data).sort()).toEqual(["patientId", "purpose", "reminderId", "tenantId"]);
    const run = await runDelivery(event);
    expect(run.error).toBeUndefined();
    expect(run.result).toMatchObject({ status: "sent" });
    expect(smsTo(p.phone)).toHaveLength(1);
    expect(smsTo(p.phone)[0]).toMatchObject({ templateCode: "SMS_1000002", signName: "康程健康", templateParam: { hospital: "提醒医院" } });
    const mail = mailTo(p.email);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe("【提醒医院】复查提醒");
    expect(mail[0]!.text).toContain("请空腹前来");
    expect(mail[0]!.headers.get("list-unsubscribe")).toMatch(/^<https:\/\/carepath\.example\/opt-out\/[\w-]+\.[\w-]+>$/);
    const rows = await deliveries(reminderId);
    expect(rows.map((d) => [d.channel, d.status, d.provider])).toEqual([
      ["email", "sent", "smtp"],
      ["sms", "sent", "aliyun"],
    ]);
    expect(rows.find((d) => d.channel === "sms")!.provider_message_id).toBe(smsTo(p.phone)[0]!.bizId);
    expect(smsTo(p.phone)[0]!.outId).toBe(rows.find((d) => d.channel === "sms")!.idempotency_key);
    expect((await reminder(reminderId)).status).toBe("sent");
    const audit = await fx.db.selectFrom("audit_events").select(["action", "patient_id", "details"]).where("action", "=", "reminder.deliver").where("resource_id", "=", reminderId).execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).not.toContain(p.phone);

    // The same event delivered again (Inngest retry of the whole run, or a duplicate): nothing is sent twice.
    await runDelivery(event);
    expect(smsTo(p.phone)).toHaveLength(1);
    expect(mailTo(p.email)).toHaveLength(1);
  });

  it("a 5xx in the middle of sending is retried and the provider receives exactly one message", async () => {
    const p = await fx.patient({ email: false });
    const { reminderId, event } = await fx.schedule({ patientId: p.id, kind: "measurement", channels: ["sms"], sendAt: soon(), note: "测血糖" });
    aliyun.failNext(1, 500, "InternalError");
    const first = await runDelivery(event);
    expect(first.error).toBeDefined();
    expect(smsTo(p.phone)).toHaveLength(0);
    expect((await deliveries(reminderId))[0]).toMatchObject({ status: "retrying", attempts: 1 });
    const second = await runDelivery(event);
    expect(second.result).toMatchObject({ status: "sent" });
    expect(smsTo(p.phone)).toHaveLength(1);
    expect((await deliveries(reminderId))[0]).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("a crash after the provider accepted is not sent again on retry (marked unconfirmed)", async () => {
    const p = await fx.patient({ email: false });
    const { reminderId, event } = await fx.schedule({ patientId: p.id, kind: "medication", channels: ["sms"], sendAt: soon() });
    let crashes = 1;
    const crashing: SmsProvider = {
      name: "aliyun",
      async send(message) {
        const receipt = await aliyunSms({ ...keys, signName: "康程健康", templates: { ...templates, medication: "SMS_1000004" }, endpoint: `${aliyun.url}/` }).send(message);
        if (crashes-- > 0) throw new Error("worker lost after the provider answered");
        return receipt;
      },
    };
    useChannels({ ...channels, sms: crashing });
    const first = await runDelivery(event);
    expect(first.error).toBeDefined();
    expect(smsTo(p.phone)).toHaveLength(1);
    expect((await deliveries(reminderId))[0]!.status).toBe("sending");
    await runDelivery(event);
    expect(smsTo(p.phone)).toHaveLength(1);
    expect((await deliveries(reminderId))[0]).toMatchObject({ status: "unconfirmed", status_reason: "interrupted_while_sending" });
  });

  it("4xx is permanent: no retry, the delivery is failed, the other channel still goes out", async () => {
    const p = await fx.patient();
    const { reminderId, event } = await fx.schedule({ patientId: p.id, kind: "medication", channels: ["sms", "email"], sendAt: soon() });
    const run = await runDelivery(event); // no Aliyun template for "medication" in this configuration
    expect(run.error).toBeUndefined();
    expect(run.result).toMatchObject({ status: "partly_sent" });
    const rows = await deliveries(reminderId);
    expect(rows.map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ["email", "sent", 1],
      ["sms", "failed", 1],
    ]);
    expect(rows.find((d) => d.channel === "sms")!.last_error).toMatch(/no Aliyun template/);
  });

  it("cancellation: a cancelled reminder sends nothing, also when cancelled while the run waits", async () => {
    const p = await fx.patient();
    const a = await fx.schedule({ patientId: p.id, kind: "measurement", channels: ["sms", "email"], sendAt: soon() });
    await fx.caller.reminder.cancel({ reminderId: a.reminderId });
    expect((await runDelivery(a.event)).result).toEqual({ status: "cancelled" });

    const b = await fx.schedule({ patientId: p.id, kind: "measurement", channels: ["sms", "email"], sendAt: soon() });
    const run = await runDelivery(b.event, [{ id: "wait-until-due", handler: () => fx.caller.reminder.cancel({ reminderId: b.reminderId }) }]);
    expect(run.result).toMatchObject({ status: "cancelled" });
    expect(smsTo(p.phone)).toHaveLength(0);
    expect(mailTo(p.email)).toHaveLength(0);
    expect(await fx.db.selectFrom("outbox_events").select("event_name").where("event_name", "=", "reminder/reminder.cancelled").execute()).not.toHaveLength(0);
  });

  it("Inngest cancels a waiting run on reminder cancellation, consent withdrawal for its purpose, or deactivation", () => {
    const config = deliverReminder.fn["getConfig"]({ baseUrl: new URL("http://localhost/api/inngest"), appPrefix: "carepath" })[0] as {
      cancel: { event: string; if: string }[];
      concurrency: { key: string; limit: number }[];
    };
    expect(config.cancel.map((c) => c.event).sort()).toEqual(["patient/consent.withdrawn", "patient/patient.deactivated", "reminder/reminder.cancelled"]);
    expect(config.cancel.find((c) => c.event === "patient/consent.withdrawn")!.if).toContain("async.data.purpose == event.data.purpose");
    expect(config.concurrency).toEqual([{ key: "event.data.tenantId", limit: 10 }]);
  });

  it("consent is checked at send time: withdrawn while waiting → nothing sent; never granted → skipped", async () => {
    const p = await fx.patient();
    const { reminderId, event } = await fx.schedule({ patientId: p.id, kind: "recheck", channels: ["sms"], sendAt: soon(), subjectAt: new Date(Date.now() + 7 * 86400_000) });
    const run = await runDelivery(event, [
      { id: "wait-until-due", handler: () => fx.caller.consent.record({ patientId: p.id, purpose: "care", action: "withdraw", source: "verbal" }) },
    ]);
    expect(run.result).toMatchObject({ status: "cancelled" });
    expect(smsTo(p.phone)).toHaveLength(0);
    expect(await reminder(reminderId)).toMatchObject({ status: "cancelled", status_reason: "consent_withdrawn" });
    // History kept: grant then withdraw, both rows present.
    const history = await fx.caller.consent.get({ patientId: p.id });
    expect(history.history.map((h) => h.action)).toEqual(["withdraw", "grant"]);
    expect(history.current.care).toMatchObject({ granted: false, source: "verbal" });

    const q = await fx.patient({ consent: false });
    const never = await fx.schedule({ patientId: q.id, kind: "measurement", channels: ["sms", "email"], sendAt: soon() });
    expect((await runDelivery(never.event)).result).toMatchObject({ status: "skipped" });
    expect((await deliveries(never.reminderId)).map((d) => [d.status, d.status_reason])).toEqual([
      ["skipped", "no_consent"],
      ["skipped", "no_consent"],
    ]);
    expect(smsTo(q.phone)).toHaveLength(0);

    // A marketing withdrawal does not touch care reminders.
    const r = await fx.patient();
    const care = await fx.schedule({ patientId: r.id, kind: "measurement", channels: ["sms"], sendAt: soon() });
    await fx.caller.consent.record({ patientId: r.id, purpose: "marketing", action: "withdraw", source: "verbal" });
    expect((await runDelivery(care.event)).result).toMatchObject({ status: "sent" });
  });

  it("quiet hours defer (never drop): the run sleeps until they end, then sends", async () => {
    const p = await fx.patient({ email: false });
    const now = localParts(new Date(), "Asia/Shanghai");
    const hm = (m: number) => `${String(Math.floor(((m + 1440) % 1440) / 60)).padStart(2, "0")}:${String(((m + 1440) % 1440) % 60).padStart(2, "0")}`;
    const minutes = now.hour * 60 + now.minute;
    await fx.db.updateTable("messaging_settings").set({ quiet_start: hm(minutes - 60), quiet_end: hm(minutes + 60) }).execute();
    const { reminderId, event } = await fx.schedule({ patientId: p.id, kind: "measurement", channels: ["sms"], sendAt: soon() });
    let seenWhileDeferred: { status: string; status_reason: string | null; deferred_until: Date | null } | null = null;
    try {
      const run = await runDelivery(event, [
        {
          id: "defer-sms-0",
          handler: async () => {
            seenWhileDeferred = await reminder(reminderId);
            expect(smsTo(p.phone)).toHaveLength(0);
            await fx.db.updateTable("messaging_settings").set({ quiet_start: "00:00", quiet_end: "00:00" }).execute();
          },
        },
      ]);
      expect(run.result).toMatchObject({ status: "sent" });
    } finally {
      await fx.db.updateTable("messaging_settings").set({ quiet_start: "00:00", quiet_end: "00:00" }).execute();
    }
    expect(seenWhileDeferred).toMatchObject({ status: "deferred", status_reason: "quiet_hours" });
    const until = seenWhileDeferred!.deferred_until!;
    expect(until.getTime() - Date.now()).toBeGreaterThan(50 * 60_000);
    expect(until.getTime() - Date.now()).toBeLessThanOrEqual(61 * 60_000);
    expect(smsTo(p.phone)).toHaveLength(1);
  });

  it("the per-patient daily cap defers further reminders to the next local day", async () => {
    await fx.db.updateTable("messaging_settings").set({ daily_cap: 1 }).execute();
    try {
      const p = await fx.patient({ email: false });
      const a = await fx.schedule({ patientId: p.id, kind: "measurement", channels: ["sms"], sendAt: soon() });
      expect((await runDelivery(a.event)).result).toMatchObject({ status: "sent" });
      const b = await fx.schedule({ patientId: p.id, kind: "medication", channels: ["sms"], sendAt: soon() });
      let deferred: { status_reason: string | null; deferred_until: Date | null } | null = null;
      await runDelivery(b.event, [
        {
          id: "defer-sms-0",
          handler: async () => {
            deferred = await reminder(b.reminderId);
            await fx.db.updateTable("messaging_settings").set({ daily_cap: 2 }).execute();
          },
        },
      ]);
      expect(deferred).toMatchObject({ status_reason: "daily_cap" });
      const nextDay = localParts(deferred!.deferred_until!, "Asia/Shanghai");
      const today = localParts(new Date(), "Asia/Shanghai");
      expect(`${nextDay.year}-${nextDay.month}-${nextDay.day}`).not.toBe(`${today.year}-${today.month}-${today.day}`);
      expect(deferred!.deferred_until!.getTime()).toBeGreaterThan(Date.now());
    } finally {
      await fx.db.updateTable("messaging_settings").set({ daily_cap: 5 }).execute();
    }
  });
});
