"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import type { AuthFormState } from "../form-state";
import { mfaStepAction } from "./actions";

export function MfaForm() {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState(mfaStepAction, {} as AuthFormState);
  // A recovery code has letters, so the numeric keypad gives way to a text keyboard.
  const [recovery, setRecovery] = useState(false);
  const fieldError = state.fieldErrors?.code;
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Field id="code" label={recovery ? t("mfa.recoveryLabel") : t("mfa.code")} hint={recovery ? t("mfa.recoveryHint") : t("mfa.codeHint")} error={fieldError}>
        <Input
          {...fieldA11y("code", { hint: true, error: fieldError })}
          key={recovery ? "recovery" : "totp"}
          name="code"
          autoComplete={recovery ? "off" : "one-time-code"}
          inputMode={recovery ? "text" : "numeric"}
          pattern={recovery ? undefined : "[0-9]*"}
          autoCapitalize="none"
          spellCheck={false}
          maxLength={recovery ? 32 : 6}
          required
          autoFocus
          className="h-12 text-center font-mono text-xl tracking-[0.3em]"
        />
      </Field>
      <Button type="submit" size="lg" className="w-full" disabled={pending} aria-busy={pending || undefined}>
        {pending ? t("mfa.submitting") : t("mfa.submit")}
      </Button>
      <div className="flex flex-col items-center gap-2 text-sm sm:flex-row sm:justify-between">
        <button type="button" className="rounded text-primary-700 underline-offset-4 hover:underline" onClick={() => setRecovery((r) => !r)}>
          {recovery ? t("mfa.useTotp") : t("mfa.useRecovery")}
        </button>
        <Link href="/sign-in" className="rounded text-slate-600 underline-offset-4 hover:underline">
          {t("backToSignIn")}
        </Link>
      </div>
    </form>
  );
}
