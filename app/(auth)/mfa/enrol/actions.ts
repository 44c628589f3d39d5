"use server";

import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { completeEnrolment } from "@/server/auth/mfa-enrolment.service";
import { openSession } from "@/server/auth/open-session";
import { clearPreAuthTicket, getPreAuthTicket, setPreAuthTicket } from "@/server/auth/pre-auth-cookie";
import { getDatabase } from "@/server/tenancy/database";
import { authRequestMeta } from "../../request-meta";

export interface EnrolState {
  error?: string;
  fieldError?: string;
  recoveryCodes?: string[];
}

const ZConfirm = z.object({ code: z.string().trim().regex(/^\d{6}$/) });

/** Confirms the new TOTP secret; returns the recovery codes, which are never shown again. */
export async function confirmEnrolmentAction(_prev: EnrolState, formData: FormData): Promise<EnrolState> {
  const t = await getTranslations("auth");
  const ticket = await getPreAuthTicket();
  if (!ticket || ticket.stage !== "enrol" || !ticket.secret) return { error: t("errors.ticketExpired") };
  const parsed = ZConfirm.safeParse({ code: formData.get("code") ?? "" });
  if (!parsed.success) return { fieldError: t("errors.codeRequired") };
  const outcome = await completeEnrolment(await getDatabase(), ticket.uid, ticket.secret, parsed.data.code, await authRequestMeta());
  if (!outcome.ok) return outcome.reason === "invalid" ? { fieldError: t("errors.invalidCode") } : { error: t("errors.alreadyEnrolled") };
  await setPreAuthTicket({ uid: ticket.uid, stage: "verified" });
  return { recoveryCodes: outcome.recoveryCodes };
}

/** After "I have saved them": the session is opened. */
export async function finishEnrolmentAction(): Promise<EnrolState> {
  const t = await getTranslations("auth");
  const ticket = await getPreAuthTicket();
  if (!ticket || ticket.stage !== "verified") return { error: t("errors.ticketExpired") };
  if (!(await openSession(ticket.uid, "enrolment"))) return { error: t("errors.sessionFailed") };
  await clearPreAuthTicket();
  redirect("/");
}
