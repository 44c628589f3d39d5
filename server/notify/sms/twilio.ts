import { createHmac } from "node:crypto";
import { errorForStatus, providerFetch, type SmsProvider } from "../types";

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Sender number (E.164) or a Messaging Service SID (MG…). */
  from: string;
  /** Default https://api.twilio.com */
  baseUrl?: string;
}

function e164(to: string): string {
  const digits = to.replace(/[^\d+]/g, "");
  if (digits.startsWith("+")) return digits;
  return /^1[3-9]\d{9}$/.test(digits) ? `+86${digits}` : `+${digits}`;
}

/** Twilio Messages API: POST /2010-04-01/Accounts/{sid}/Messages.json, HTTP Basic auth, form-encoded. */
export function twilioSms(config: TwilioConfig): SmsProvider {
  const base = (config.baseUrl ?? "https://api.twilio.com").replace(/\/$/, "");
  return {
    name: "twilio",
    async send(message) {
      const form = new URLSearchParams({ To: e164(message.to), Body: message.text });
      form.set(config.from.startsWith("MG") ? "MessagingServiceSid" : "From", config.from);
      if (message.statusCallbackUrl) form.set("StatusCallback", message.statusCallbackUrl);
      const res = await providerFetch(`${base}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
          // Twilio has no idempotency key on message creation; this header only lets a proxy or support trace it.
          "x-carepath-delivery": message.idempotencyKey,
        },
        body: form.toString(),
      });
      const json = (await res.json().catch(() => null)) as { sid?: string; code?: number; message?: string } | null;
      if (res.ok && json?.sid) return { provider: "twilio", providerMessageId: json.sid };
      throw errorForStatus(res.status, json?.code ? String(json.code) : `http_${res.status}`, `Twilio ${res.status}: ${json?.message ?? ""}`);
    },
  };
}

/**
 * X-Twilio-Signature of a status callback: base64 HMAC-SHA1 with the auth token over the full URL
 * followed by every POST parameter name and value, sorted by name.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join("");
  return createHmac("sha1", authToken).update(data).digest("base64");
}
