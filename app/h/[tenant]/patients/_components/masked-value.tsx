"use client";

import { useMutation } from "@tanstack/react-query";
import { Eye, EyeOff } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/client";
import { errorMessage } from "@/app/_components/server-errors";

export type RevealField = "name" | "idNumber" | "phone" | "email" | "address" | "emergencyContact" | "notes";

/**
 * A masked identifier with an optional "show" action (patient.unmask). The clear value lives only in
 * this component's state: it is gone when the user leaves the page or the tab is hidden.
 */
export function MaskedValue({
  patientId,
  field,
  masked,
  canReveal,
  className,
}: {
  patientId: string;
  field: RevealField;
  masked: string | null;
  canReveal: boolean;
  className?: string;
}) {
  const t = useTranslations("patients");
  const [clear, setClear] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const label = t(`fields.${field}`);

  useEffect(() => {
    if (clear === null) return;
    const hide = () => document.visibilityState === "hidden" && setClear(null);
    document.addEventListener("visibilitychange", hide);
    return () => document.removeEventListener("visibilitychange", hide);
  }, [clear]);

  if (masked === null && clear === null) return <span className={className ?? "text-slate-500"}>—</span>;
  return (
    <span className={`inline-flex flex-wrap items-center gap-x-1.5 ${className ?? ""}`}>
      <span className="tabular-nums" data-testid={`value-${field}`}>
        {clear ?? masked}
      </span>
      {clear !== null ? (
        <button type="button" onClick={() => setClear(null)} className="inline-flex items-center gap-1 rounded px-1 text-xs font-medium text-primary-700 hover:underline focus-visible:outline-2 focus-visible:outline-primary-600">
          <EyeOff aria-hidden className="size-3.5" />
          {t("ui.reveal.hide", { field: label })}
        </button>
      ) : canReveal ? (
        <button
          type="button"
          onClick={() => setAsking(true)}
          aria-label={t("ui.reveal.showAria", { field: label })}
          className="inline-flex items-center gap-1 rounded px-1 text-xs font-medium text-primary-700 hover:underline focus-visible:outline-2 focus-visible:outline-primary-600"
        >
          <Eye aria-hidden className="size-3.5" />
          {t("reveal.action")}
        </button>
      ) : null}
      {asking ? <RevealDialog patientId={patientId} field={field} onClose={() => setAsking(false)} onRevealed={(v) => setClear(v ?? "—")} /> : null}
    </span>
  );
}

function RevealDialog({ patientId, field, onClose, onRevealed }: { patientId: string; field: RevealField; onClose: () => void; onRevealed: (value: string | null) => void }) {
  const t = useTranslations("patients");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const id = useId();
  const [purpose, setPurpose] = useState("");
  const [error, setError] = useState<string>();
  const reveal = useMutation(
    trpc.patient.reveal.mutationOptions({
      onSuccess: (out) => {
        onRevealed(out.value);
        onClose();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const presets = [t("ui.reveal.presets.followup"), t("ui.reveal.presets.verify"), t("ui.reveal.presets.emergency")];

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!purpose.trim()) return setError(t("ui.reveal.purposeRequired"));
    reveal.mutate({ patientId, field, purpose: purpose.trim() });
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title={t("ui.reveal.title", { field: t(`fields.${field}`) })} description={t("reveal.purposeHint")} closeLabel={tc("close")}>
        <form onSubmit={submit} noValidate className="space-y-3">
          <Field id={`${id}-purpose`} label={t("reveal.purposeLabel")} error={error} required>
            <Input
              {...fieldA11y(`${id}-purpose`, { error, required: true })}
              value={purpose}
              maxLength={200}
              autoFocus
              autoComplete="off"
              onChange={(e) => {
                setPurpose(e.target.value);
                setError(undefined);
              }}
            />
          </Field>
          <div className="flex flex-wrap gap-1.5" aria-label={t("ui.reveal.presetsLabel")} role="group">
            {presets.map((p) => (
              <button key={p} type="button" onClick={() => setPurpose(p)} className="rounded-full border border-slate-300 px-2.5 py-1 text-xs text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-primary-600">
                {p}
              </button>
            ))}
          </div>
          {reveal.isError && !error ? <Alert tone="error">{errorMessage(reveal.error)}</Alert> : null}
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={reveal.isPending}>
              <Eye aria-hidden className="size-4" />
              {t("ui.reveal.confirm")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
