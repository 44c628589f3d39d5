import { createHmac, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Local HTTP servers implementing the providers' request formats, written from the providers'
 * documentation independently of the adapters under test (their signature code is not reused here).
 */
async function listen(handler: (req: http.IncomingMessage, body: string) => { status: number; json: unknown }) {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const { status, json } = handler(req, Buffer.concat(chunks).toString("utf8"));
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Aliyun's percent encoding, char by char: unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~". */
function aliyunPercent(s: string): string {
  let out = "";
  for (const byte of Buffer.from(s, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

export interface AliyunAccepted {
  phone: string;
  signName: string;
  templateCode: string;
  templateParam: Record<string, string>;
  outId: string | null;
  bizId: string;
}

/** Dysmsapi SendSms (RPC, version 2017-05-25, signature 1.0 HMAC-SHA1). */
export async function createFakeAliyunSms(keys: { accessKeyId: string; accessKeySecret: string }) {
  const accepted: AliyunAccepted[] = [];
  const rejected: string[] = [];
  const nonces = new Set<string>();
  let failNext: { count: number; status: number; code: string } = { count: 0, status: 500, code: "InternalError" };
  const server = await listen((req, body) => {
    const params = Object.fromEntries(new URLSearchParams(body));
    const fail = (status: number, code: string) => {
      rejected.push(code);
      return { status, json: { Code: code, Message: code, RequestId: randomUUID() } };
    };
    if (req.method !== "POST") return fail(405, "MethodNotAllowed");
    for (const k of ["AccessKeyId", "Action", "PhoneNumbers", "SignName", "TemplateCode", "Signature", "SignatureNonce", "Timestamp", "Version", "SignatureMethod", "SignatureVersion"]) {
      if (!params[k]) return fail(400, `MissingParameter.${k}`);
    }
    if (params.Action !== "SendSms" || params.Version !== "2017-05-25") return fail(400, "InvalidAction");
    if (params.AccessKeyId !== keys.accessKeyId) return fail(404, "InvalidAccessKeyId.NotFound");
    if (params.SignatureMethod !== "HMAC-SHA1" || params.SignatureVersion !== "1.0") return fail(400, "UnsupportedSignatureMethod");
    if (Math.abs(Date.parse(params.Timestamp!) - Date.now()) > 15 * 60_000) return fail(400, "InvalidTimeStamp.Expired");
    const { Signature, ...signed } = params;
    const query = Object.keys(signed)
      .sort()
      .map((k) => `${aliyunPercent(k)}=${aliyunPercent(signed[k]!)}`)
      .join("&");
    const expected = createHmac("sha1", `${keys.accessKeySecret}&`).update(`POST&%2F&${aliyunPercent(query)}`).digest("base64");
    if (Signature !== expected) return fail(400, "SignatureDoesNotMatch");
    if (nonces.has(params.SignatureNonce!)) return fail(400, "SignatureNonceUsed");
    nonces.add(params.SignatureNonce!);
    if (failNext.count > 0) {
      failNext.count--;
      return fail(failNext.status, failNext.code);
    }
    if (!/^1[3-9]\d{9}$/.test(params.PhoneNumbers!)) return { status: 200, json: { Code: "isv.MOBILE_NUMBER_ILLEGAL", Message: "invalid mobile", RequestId: randomUUID() } };
    const bizId = `${Date.now()}^${randomUUID().slice(0, 8)}`;
    accepted.push({ phone: params.PhoneNumbers!, signName: params.SignName!, templateCode: params.TemplateCode!, templateParam: JSON.parse(params.TemplateParam ?? "{}"), outId: params.OutId ?? null, bizId });
    return { status: 200, json: { Code: "OK", Message: "OK", BizId: bizId, RequestId: randomUUID() } };
  });
  return {
    ...server,
    accepted,
    rejected,
    failNext(count: number, status = 500, code = "InternalError") {
      failNext = { count, status, code };
    },
  };
}

export interface TwilioAccepted {
  to: string;
  from: string | null;
  body: string;
  statusCallback: string | null;
  sid: string;
}

/** Twilio Messages API (POST /2010-04-01/Accounts/{AccountSid}/Messages.json, HTTP Basic auth). */
export async function createFakeTwilio(keys: { accountSid: string; authToken: string }) {
  const accepted: TwilioAccepted[] = [];
  let failNext = { count: 0, status: 503 };
  const server = await listen((req, body) => {
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(req.url ?? "");
    if (req.method !== "POST" || !match) return { status: 404, json: { code: 20404, message: "not found", status: 404 } };
    const expectedAuth = `Basic ${Buffer.from(`${keys.accountSid}:${keys.authToken}`).toString("base64")}`;
    if (req.headers.authorization !== expectedAuth || match[1] !== keys.accountSid) return { status: 401, json: { code: 20003, message: "Authenticate", status: 401 } };
    if (failNext.count > 0) {
      failNext.count--;
      return { status: failNext.status, json: { code: 20500, message: "Internal Server Error", status: failNext.status } };
    }
    const p = new URLSearchParams(body);
    const to = p.get("To") ?? "";
    if (!/^\+[1-9]\d{6,14}$/.test(to)) return { status: 400, json: { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 } };
    if (!p.get("Body")) return { status: 400, json: { code: 21602, message: "Message body is required.", status: 400 } };
    const sid = `SM${randomUUID().replaceAll("-", "")}`;
    accepted.push({ to, from: p.get("From"), body: p.get("Body")!, statusCallback: p.get("StatusCallback"), sid });
    return { status: 201, json: { sid, status: "queued", to, body: p.get("Body") } };
  });
  return {
    ...server,
    accepted,
    failNext(count: number, status = 503) {
      failNext = { count, status };
    },
  };
}
