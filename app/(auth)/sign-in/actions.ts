"use server";

import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { setPreAuthTicket } from "@/server/auth/pre-auth-cookie";
import { refusalMessage } from "@/server/auth/refusal-message";
import { checkPassword } from "@/server/auth/sign-in.service";
import { newTotpSecret } from "@/server/auth/totp";
import { getDatabase } from "@/server/tenancy/database";
import type { AuthFormState } from "../form-state";
import { authRequestMeta } from "../request-meta";

const ZPasswordStep = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(1024),
});

/** Step 1 of staff sign-in: e-mail + password → a sealed 5-minute pre-auth ticket → MFA or enrolment. */
export async function passwordStepAction(_prev: AuthFormState, formData: FormData): Promise<AuthFormState> {
  const t = await getTranslations("auth");
  const email = String(formData.get("email") ?? "");
  const parsed = ZPasswordStep.safeParse({ email, password: formData.get("password") ?? "" });
  if (!parsed.success) {
    const fields = new Set(parsed.error.issues.map((i) => i.path[0]));
    return {
      email,
      fieldErrors: {
        ...(fields.has("email") ? { email: t("errors.emailInvalid") } : {}),
        ...(fields.has("password") ? { password: t("errors.passwordRequired") } : {}),
      },
    };
  }
  const outcome = await checkPassword(await getDatabase(), parsed.data.email, parsed.data.password, await authRequestMeta());
  if (!outcome.ok) return { email, error: refusalMessage(t, outcome) };
  if (outcome.next === "enrol") {
    await setPreAuthTicket({ uid: outcome.userId, stage: "enrol", secret: newTotpSecret() });
    redirect("/mfa/enrol");
  }
  await setPreAuthTicket({ uid: outcome.userId, stage: "mfa" });
  redirect("/mfa");
}
