import { v7 as uuidv7 } from "uuid";

export interface RequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
  locale: "zh-CN" | "en";
}

export const LOCALE_COOKIE = "NEXT_LOCALE";

export function localeFromCookieHeader(cookie: string | null): "zh-CN" | "en" {
  const match = cookie?.match(/(?:^|;\s*)NEXT_LOCALE=([^;]+)/);
  return match?.[1] === "en" ? "en" : "zh-CN";
}

/** Behind a proxy the first X-Forwarded-For hop is the client; deployments must strip client-supplied values. */
export function requestMetaFromHeaders(headers: Headers): RequestMeta {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    requestId: headers.get("x-request-id") ?? uuidv7(),
    ip: forwarded || headers.get("x-real-ip") || null,
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
    locale: localeFromCookieHeader(headers.get("cookie")),
  };
}
