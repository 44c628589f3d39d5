import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, toLocale } from "./locales";
import { loadMessages } from "./messages";

// Locale comes from a cookie (no URL segment): zh-CN by default, English when chosen.
export default getRequestConfig(async () => {
  const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: await loadMessages(locale), timeZone: "Asia/Shanghai" };
});
