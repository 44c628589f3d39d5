import type { Refusal } from "./sign-in.service";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The localised text for a refused sign-in step (namespace "auth"). */
export function refusalMessage(t: Translate, refusal: Refusal, step: "password" | "code" = "password"): string {
  if (refusal.reason === "throttled") return t("errors.throttled", { minutes: Math.max(1, Math.ceil(refusal.retryAfterMs / 60_000)) });
  if (refusal.reason === "noActiveTenant") return t("errors.noActiveTenant");
  return t(step === "code" ? "errors.invalidCode" : "errors.invalidCredentials");
}
