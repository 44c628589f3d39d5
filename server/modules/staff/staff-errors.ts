import { TRPCError } from "@trpc/server";
import enAuth from "@/messages/en/auth.json";
import zhAuth from "@/messages/zh-CN/auth.json";
import type { PasswordProblem } from "@/server/auth/password-policy";

type Locale = "zh-CN" | "en";
type StaffErrorKey = keyof typeof zhAuth.staff.errors;

const catalogues = { "zh-CN": zhAuth, en: enAuth } as const;

/** Staff-management refusals, already in the caller's language (the messages live in the "auth" area). */
export function staffError(code: TRPCError["code"], key: StaffErrorKey, locale: Locale): TRPCError {
  return new TRPCError({ code, message: catalogues[locale].staff.errors[key] });
}

export function passwordPolicyError(problem: PasswordProblem, locale: Locale): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message: catalogues[locale].password[problem] });
}
