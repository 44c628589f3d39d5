import { createHmac, randomUUID } from "node:crypto";
import type { ReminderKind } from "@/db/types/tenant";
import { errorForStatus, PermanentSendError, providerFetch, TransientSendError, type SmsProvider } from "../types";

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Approved template code per reminder kind (SMS_…); Aliyun sends only approved templates. */
  templates: Partial<Record<ReminderKind, string>>;
  /** Default https://dysmsapi.aliyuncs.com/ */
  endpoint?: string;
  regionId?: string;
}

/** RFC 3986 encoding as Aliyun's POP signature requires: only A–Z a–z 0–9 - _ . ~ stay as they are. */
export function popEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Signature version 1.0 (HMAC-SHA1): sign "POST&%2F&" + encoded canonical query with secret + "&". */
export function signAliyunRpc(method: "GET" | "POST", params: Record<string, string>, accessKeySecret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((k) => `${popEncode(k)}=${popEncode(params[k]!)}`)
    .join("&");
  const stringToSign = `${method}&${popEncode("/")}&${popEncode(canonical)}`;
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSign).digest("base64");
}

/** Aliyun error codes that are worth retrying (throttling, system busy); every other non-OK code is permanent. */
const TRANSIENT_CODES = new Set(["isv.BUSINESS_LIMIT_CONTROL", "isp.SYSTEM_ERROR", "isp.RAM_PERMISSION_DENY_TEMPORARY", "Throttling", "ServiceUnavailable", "InternalError"]);

/** Chinese mobile numbers as Aliyun wants them (no +86). */
function aliyunNumber(to: string): string {
  const digits = to.replace(/[^\d]/g, "");
  return digits.length === 13 && digits.startsWith("86") ? digits.slice(2) : digits;
}

/** Dysmsapi SendSms (API version 2017-05-25), RPC style, form-encoded POST. */
export function aliyunSms(config: AliyunSmsConfig): SmsProvider {
  const endpoint = config.endpoint ?? "https://dysmsapi.aliyuncs.com/";
  return {
    name: "aliyun",
    async send(message) {
      const templateCode = config.templates[message.template.kind];
      if (!templateCode) throw new PermanentSendError("template_missing", `no Aliyun template configured for ${message.template.kind}`);
      const params: Record<string, string> = {
        AccessKeyId: config.accessKeyId,
        Action: "SendSms",
        Format: "JSON",
        OutId: message.idempotencyKey,
        PhoneNumbers: aliyunNumber(message.to),
        RegionId: config.regionId ?? "cn-hangzhou",
        SignName: config.signName,
        SignatureMethod: "HMAC-SHA1",
        SignatureNonce: randomUUID(),
        SignatureVersion: "1.0",
        TemplateCode: templateCode,
        TemplateParam: JSON.stringify(message.template.params),
        Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        Version: "2017-05-25",
      };
      const signature = signAliyunRpc("POST", params, config.accessKeySecret);
      const body = new URLSearchParams({ ...params, Signature: signature });
      const res = await providerFetch(endpoint, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.toString() });
      const json = (await res.json().catch(() => null)) as { Code?: string; Message?: string; BizId?: string } | null;
      if (res.ok && json?.Code === "OK") return { provider: "aliyun", providerMessageId: json.BizId ?? null };
      const code = json?.Code ?? `http_${res.status}`;
      const text = `Aliyun SendSms ${res.status} ${code}: ${json?.Message ?? ""}`;
      if (TRANSIENT_CODES.has(code)) throw new TransientSendError(code, text);
      throw errorForStatus(res.ok ? 400 : res.status, code, text);
    },
  };
}
