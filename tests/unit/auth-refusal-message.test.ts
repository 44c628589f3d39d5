import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/messages/en/auth.json";
import zh from "@/messages/zh-CN/auth.json";
import { refusalMessage } from "@/server/auth/refusal-message";

const translator = (locale: "zh-CN" | "en") =>
  createTranslator({ locale, messages: { auth: locale === "en" ? en : zh }, namespace: "auth" }) as unknown as (key: string, values?: Record<string, string | number>) => string;

describe("sign-in refusal messages", () => {
  it("tell a throttled user when to retry, rounded up to whole minutes", () => {
    expect(refusalMessage(translator("zh-CN"), { ok: false, reason: "throttled", retryAfterMs: 14 * 60_000 + 1 })).toContain("15 分钟后重试");
    expect(refusalMessage(translator("en"), { ok: false, reason: "throttled", retryAfterMs: 10_000 })).toContain("Try again in 1 minute.");
  });

  it("do not reveal whether the e-mail or the password was wrong", () => {
    expect(refusalMessage(translator("en"), { ok: false, reason: "invalid" })).toBe("The e-mail address or password is not correct.");
    expect(refusalMessage(translator("en"), { ok: false, reason: "invalid" }, "code")).toMatch(/code is not correct/);
  });

  it("have the same keys in both languages", () => {
    const keys = (o: object, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(en).sort()).toEqual(keys(zh).sort());
  });
});
