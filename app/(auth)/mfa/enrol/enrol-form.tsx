"use client";

import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useActionState, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { confirmEnrolmentAction, finishEnrolmentAction, type EnrolState } from "./actions";

/** Secret split in groups of four, easier to type from the screen. */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

export function EnrolForm({ setup }: { setup: { qr: string; secret: string } | null }) {
  const t = useTranslations("auth");
  const [state, confirm, confirming] = useActionState(confirmEnrolmentAction, {} as EnrolState);
  const [finishState, finish, finishing] = useActionState(finishEnrolmentAction, {} as EnrolState);

  if (state.recoveryCodes || !setup) {
    return <RecoveryCodes codes={state.recoveryCodes ?? null} finish={finish} finishing={finishing} error={finishState.error} />;
  }
  return (
    <form action={confirm} className="mt-6 space-y-5" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      <div className="space-y-3">
        <p className="text-sm text-slate-700">{t("enrol.step1")}</p>
        <div className="flex flex-col items-center gap-3 rounded-lg border border-slate-200 bg-slate-50 p-4">
          {/* eslint-disable-next-line @next/next/no-img-element -- a data URL; next/image adds nothing here */}
          <img src={setup.qr} alt={t("enrol.qrAlt")} width={200} height={200} className="rounded bg-white" />
          <div className="text-center">
            <p className="text-xs text-slate-600">{t("enrol.manualLabel")}</p>
            <code className="mt-1 block rounded bg-white px-2 py-1 font-mono text-sm tracking-wider text-slate-900 select-all">
              {grouped(setup.secret)}
            </code>
          </div>
        </div>
      </div>
      <Field id="code" label={`${t("enrol.step2")}`} error={state.fieldError}>
        <Input
          {...fieldA11y("code", { error: state.fieldError })}
          name="code"
          autoComplete="one-time-code"
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={6}
          required
          className="h-12 text-center font-mono text-xl tracking-[0.3em]"
        />
      </Field>
      <Button type="submit" size="lg" className="w-full" disabled={confirming} aria-busy={confirming || undefined}>
        {confirming ? t("enrol.confirming") : t("enrol.confirm")}
      </Button>
    </form>
  );
}

function RecoveryCodes({
  codes,
  finish,
  finishing,
  error,
}: {
  codes: string[] | null;
  finish: () => void;
  finishing: boolean;
  error?: string;
}) {
  const t = useTranslations("auth");
  const [saved, setSaved] = useState(codes === null);
  const [copied, setCopied] = useState(false);
  return (
    <form action={finish} className="mt-6 space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {codes ? (
        <>
          <h2 className="text-base font-semibold text-slate-900">{t("enrol.recoveryTitle")}</h2>
          <Alert tone="info">{t("enrol.recoveryIntro")}</Alert>
          <ol aria-label={t("enrol.recoveryListLabel")} className="grid grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-slate-50 p-4 font-mono text-base text-slate-900">
            {codes.map((c) => (
              <li key={c} className="text-center tracking-wider select-all">
                {c}
              </li>
            ))}
          </ol>
          <Button
            type="button"
            variant="secondary"
            className="w-full"
            onClick={async () => {
              await navigator.clipboard.writeText(codes.join("\n"));
              setCopied(true);
            }}
          >
            {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />}
            <span aria-live="polite">{copied ? t("enrol.copied") : t("enrol.copy")}</span>
          </Button>
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input type="checkbox" className="mt-0.5 size-4 accent-primary-600" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
            {t("enrol.saved")}
          </label>
        </>
      ) : (
        <Alert tone="success">{t("enrol.alreadyConfirmed")}</Alert>
      )}
      <Button type="submit" size="lg" className="w-full" disabled={!saved || finishing} aria-busy={finishing || undefined}>
        {t("enrol.continue")}
      </Button>
    </form>
  );
}
