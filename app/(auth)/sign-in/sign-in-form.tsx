"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import type { AuthFormState } from "../form-state";
import { passwordStepAction } from "./actions";

export function SignInForm() {
  const t = useTranslations("auth");
  const [state, action, pending] = useActionState(passwordStepAction, {} as AuthFormState);
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <Field id="email" label={t("signIn.email")} error={state.fieldErrors?.email}>
        <Input
          {...fieldA11y("email", { error: state.fieldErrors?.email })}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          autoFocus
          defaultValue={state.email}
        />
      </Field>
      <Field id="password" label={t("signIn.password")} error={state.fieldErrors?.password}>
        <Input {...fieldA11y("password", { error: state.fieldErrors?.password })} name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" size="lg" className="w-full" disabled={pending} aria-busy={pending || undefined}>
        {pending ? t("signIn.submitting") : t("signIn.submit")}
      </Button>
    </form>
  );
}
