"use server";

import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { openSession } from "@/server/auth/open-session";
import { clearPreAuthTicket, getPreAuthTicket } from "@/server/auth/pre-auth-cookie";
import { refusalMessage } from "@/server/auth/refusal-message";
import { checkSecondFactor } from "@/server/auth/sign-in.service";
import { getDatabase } from "@/server/tenancy/database";
import type { AuthFormState } from "../form-state";
import { authRequestMeta } from "../request-meta";

const ZCode = z.object({ code: z.string().trim().min(6).max(32) });

/** Step 2 of staff sign-in: a TOTP code or a recovery code, then the session. */
export async function mfaStepAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const t = await getTranslations("auth");
  const ticket = await getPreAuthTicket();
  if (!ticket || ticket.stage !== "mfa") return { error: t("errors.ticketExpired") };
  const parsed = ZCode.safeParse({ code: formData.get("code") ?? "" });
  if (!parsed.success) return { fieldErrors: { code: t("errors.codeRequired") } };
  const outcome = await checkSecondFactor(await getDatabase(), ticket.uid, parsed.data.code, await authRequestMeta());
  if (!outcome.ok) return { error: refusalMessage(t, outcome, "code") };
  if (!(await openSession(ticket.uid, outcome.method))) return { error: t("errors.sessionFailed") };
  await clearPreAuthTicket();
  redirect("/");
}
