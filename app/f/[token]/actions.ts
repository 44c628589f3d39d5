"use server";

import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { ZodError } from "zod";
import { localiseMessage, localiseZodIssues } from "@/server/api/localize-error";
import { requestMetaFromHeaders } from "@/server/api/request-meta";
import { LinkRefused, saveLink } from "@/server/modules/forms/form-link.service";
import { ZAnswers } from "@/server/shared/forms/answers";
import { getDatabase } from "@/server/tenancy/database";
import type { ScoreView } from "@/app/_components/forms/score-badges";

export type LinkSaveResult =
  | { ok: true; status: "in_progress" | "completed"; scores: ScoreView[] }
  | { ok: false; message: string; fieldErrors: Record<string, string>; refused?: "invalid" | "expired" };

/** The patient's save / submit from the public link page. Validated with zod; errors come back localised, by item. */
export async function saveLinkAnswers(token: string, rawAnswers: unknown, complete: boolean): Promise<LinkSaveResult> {
  const locale = (await getLocale()) === "en" ? "en" : "zh-CN";
  const parsed = ZAnswers.safeParse(rawAnswers);
  if (typeof token !== "string" || token.length > 2000 || !parsed.success) return { ok: false, message: localiseMessage("errors.invalidInput", locale), fieldErrors: {} };
  const { requestId, ip, userAgent } = requestMetaFromHeaders(await headers());
  try {
    const result = await saveLink(await getDatabase(), token, { answers: parsed.data, complete }, { requestId, ip, userAgent });
    return { ok: true, status: result.status, scores: result.scores };
  } catch (error) {
    if (error instanceof LinkRefused) return { ok: false, refused: error.reason, message: localiseMessage(error.reason === "expired" ? "errors.formLinkExpired" : "errors.formLinkInvalid", locale), fieldErrors: {} };
    if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") {
      const fieldErrors: Record<string, string> = {};
      if (error.cause instanceof ZodError) {
        for (const issue of localiseZodIssues(error.cause, locale)) if (issue.path[0] === "answers" && typeof issue.path[1] === "string") fieldErrors[issue.path[1]] ??= issue.message;
      }
      return { ok: false, message: localiseMessage(error.message, locale), fieldErrors };
    }
    throw error;
  }
}
