import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReminder } from "@/emails/render";
import { smtpSender } from "@/server/notify/email/smtp-sender";
import { aliyunSms } from "@/server/notify/sms/aliyun";
import { twilioSms } from "@/server/notify/sms/twilio";
import { PermanentSendError, TransientSendError, type SmsMessage } from "@/server/notify/types";
import { createFakeAliyunSms, createFakeTwilio } from "../support/fake-sms-providers";
import { createSmtpSink } from "../support/smtp-sink";

const aliyunKeys = { accessKeyId: "LTAI5tTestKeyId", accessKeySecret: "test-secret-对的" };
const twilioKeys = { accountSid: "AC0123456789abcdef0123456789abcdef", authToken: "twilio-test-token" };
const sms = (to: string): SmsMessage => ({
  to,
  text: "【康程示范医院】复查提醒 请于 2026年12月5日 09:30 到康程示范医院复查。",
  template: { kind: "recheck", params: { hospital: "康程示范医院", time: "2026年12月5日 09:30" } },
  idempotencyKey: "0190f0a0-0000-7000-8000-00000000abcd",
});

let aliyun: Awaited<ReturnType<typeof createFakeAliyunSms>>;
let twilio: Awaited<ReturnType<typeof createFakeTwilio>>;
beforeAll(async () => {
  aliyun = await createFakeAliyunSms(aliyunKeys);
  twilio = await createFakeTwilio(twilioKeys);
});
afterAll(async () => {
  await aliyun.close();
  await twilio.close();
});

describe("Aliyun SMS (Dysmsapi SendSms, signature 1.0)", () => {
  const provider = () => aliyunSms({ ...aliyunKeys, signName: "康程健康", templates: { recheck: "SMS_465100001" }, endpoint: `${aliyun.url}/` });

  it("sends a signed request with sign name, template code and template params", async () => {
    const receipt = await provider().send(sms("13800138000"));
    expect(receipt.provider).toBe("aliyun");
    expect(aliyun.accepted.at(-1)).toMatchObject({
      phone: "13800138000",
      signName: "康程健康",
      templateCode: "SMS_465100001",
      templateParam: { hospital: "康程示范医院", time: "2026年12月5日 09:30" },
      outId: "0190f0a0-0000-7000-8000-00000000abcd",
      bizId: receipt.providerMessageId,
    });
    await provider().send(sms("+86 138-0013-8001"));
    expect(aliyun.accepted.at(-1)!.phone).toBe("13800138001");
  });

  it("a wrong secret fails the signature check: permanent, not retried", async () => {
    const wrong = aliyunSms({ ...aliyunKeys, accessKeySecret: "nope", signName: "康程健康", templates: { recheck: "SMS_465100001" }, endpoint: `${aliyun.url}/` });
    const error = await wrong.send(sms("13800138000")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermanentSendError);
    expect((error as PermanentSendError).code).toBe("SignatureDoesNotMatch");
  });

  it("5xx and throttling are transient; an invalid number or a missing template is permanent", async () => {
    aliyun.failNext(1, 503, "ServiceUnavailable");
    await expect(provider().send(sms("13800138000"))).rejects.toBeInstanceOf(TransientSendError);
    aliyun.failNext(1, 200, "isv.BUSINESS_LIMIT_CONTROL");
    await expect(provider().send(sms("13800138000"))).rejects.toBeInstanceOf(TransientSendError);
    await expect(provider().send(sms("12345"))).rejects.toMatchObject({ name: "PermanentSendError", code: "isv.MOBILE_NUMBER_ILLEGAL" });
    await expect(provider().send({ ...sms("13800138000"), template: { kind: "medication", params: {} } })).rejects.toMatchObject({ code: "template_missing" });
  });

  it("an unreachable endpoint is transient", async () => {
    const down = aliyunSms({ ...aliyunKeys, signName: "x", templates: { recheck: "SMS_1" }, endpoint: "http://127.0.0.1:9/" });
    await expect(down.send(sms("13800138000"))).rejects.toBeInstanceOf(TransientSendError);
  });
});

describe("Twilio Messages API", () => {
  const provider = (token = twilioKeys.authToken) => twilioSms({ accountSid: twilioKeys.accountSid, authToken: token, from: "+15005550006", baseUrl: twilio.url });

  it("posts To (E.164), From and Body with Basic auth and returns the message sid", async () => {
    const receipt = await provider().send(sms("13800138000"));
    expect(receipt).toEqual({ provider: "twilio", providerMessageId: twilio.accepted.at(-1)!.sid });
    expect(twilio.accepted.at(-1)).toMatchObject({ to: "+8613800138000", from: "+15005550006", body: sms("x").text });
  });

  it("401 (bad credentials) and 400 (invalid number) are permanent; 503 is transient", async () => {
    await expect(provider("wrong").send(sms("13800138000"))).rejects.toMatchObject({ name: "PermanentSendError", code: "20003" });
    await expect(provider().send(sms("+12"))).rejects.toMatchObject({ name: "PermanentSendError", code: "21211" });
    twilio.failNext(1, 503);
    await expect(provider().send(sms("13800138000"))).rejects.toBeInstanceOf(TransientSendError);
  });
});

describe("email through SMTP (nodemailer → real SMTP server on loopback)", () => {
  it("delivers the bilingual reminder as HTML and text with an unsubscribe header", async () => {
    const sink = await createSmtpSink();
    try {
      const sender = smtpSender({ url: sink.url, from: "康程示范医院 <no-reply@hospital.example>" });
      for (const locale of ["zh-CN", "en"] as const) {
        const content = await renderReminder({
          locale,
          hospital: locale === "en" ? "CarePath Demo Hospital" : "康程示范医院",
          kind: "recheck",
          purpose: "care",
          time: locale === "en" ? "5 December 2026 at 09:30" : "2026年12月5日 09:30",
          note: locale === "en" ? "Please come fasting." : "请空腹前来。",
          link: null,
          optOutUrl: "https://carepath.example/opt-out/abc.def",
        });
        await sender.send({ to: "patient@example.org", subject: content.subject, html: content.html, text: content.text, idempotencyKey: `key-${locale}`, unsubscribeUrl: "https://carepath.example/opt-out/abc.def" });
      }
      expect(sink.mails).toHaveLength(2);
      const [zh, en] = sink.mails;
      expect(zh!.to).toEqual(["patient@example.org"]);
      expect(zh!.subject).toBe("【康程示范医院】复查提醒");
      expect(zh!.text).toContain("请于 2026年12月5日 09:30 到康程示范医院复查。");
      expect(zh!.text).toContain("请空腹前来。");
      expect(zh!.html).toContain('lang="zh-CN"');
      expect(zh!.html).toContain("复查提醒");
      expect(zh!.html).toContain('href="https://carepath.example/opt-out/abc.def"');
      expect(zh!.headers.get("list-unsubscribe")).toBe("<https://carepath.example/opt-out/abc.def>");
      expect(zh!.headers.get("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
      expect(zh!.headers.get("message-id")).toBe("<key-zh-CN@carepath>");
      expect(en!.subject).toBe("[CarePath Demo Hospital] Re-check reminder");
      expect(en!.text).toContain("Please come to CarePath Demo Hospital for your re-check at 5 December 2026 at 09:30.");
      expect(en!.html).toContain("Unsubscribe");
    } finally {
      await sink.close();
    }
  });

  it("550 is permanent, 451 and an unreachable server are transient", async () => {
    const sink = await createSmtpSink({ rejectRecipient: "gone@example.org", tempFailNext: 1 });
    try {
      const sender = smtpSender({ url: sink.url, from: "no-reply@hospital.example" });
      const mail = { subject: "s", html: "<p>h</p>", text: "t", idempotencyKey: "k" };
      await expect(sender.send({ ...mail, to: "later@example.org" })).rejects.toBeInstanceOf(TransientSendError);
      const permanent = await sender.send({ ...mail, to: "gone@example.org" }).catch((e: unknown) => e);
      expect(permanent).toBeInstanceOf(PermanentSendError);
      await expect(smtpSender({ url: "smtp://127.0.0.1:9", from: "x@y.z" }).send({ ...mail, to: "a@b.c" })).rejects.toBeInstanceOf(TransientSendError);
      expect(sink.mails).toHaveLength(0);
    } finally {
      await sink.close();
    }
  });
});
