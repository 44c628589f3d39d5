"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, toLocale } from "@/i18n/locales";

/** Remembers the chosen language for a year; the page re-renders in it on refresh. */
export async function setLocaleAction(locale: string): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, toLocale(locale), {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
    httpOnly: false,
    secure: process.env.NODE_ENV === "production",
  });
}
