"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import { todayIn } from "@/server/modules/patient/rules/card-status";
import type { TCard } from "@/server/shared/dto/patient";
import { formatIsoDate } from "../../_components/format-iso-date";
import { plusOneYear } from "./card-dates";

/** Extends a card's validity to a later end date (an expired card becomes active again). */
export function CardRenewDialog({ card, timeZone, onClose, onDone }: { card: TCard; timeZone: string; onClose: () => void; onDone: () => void }) {
  const tc = useTranslations("patients.ui.cards");
  const common = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const toast = useToast();
  const id = useId();
  const today = todayIn(timeZone);
  const base = card.validTo < today ? today : card.validTo;
  const [validTo, setValidTo] = useState(() => plusOneYear(base));
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const renew = useMutation(
    trpc.card.renew.mutationOptions({
      onSuccess: (out) => {
        toast.show({ tone: "success", message: tc("done.renew", { level: card.level, date: formatIsoDate(out.validTo, locale) }) });
        onDone();
        onClose();
      },
      onError: (e) => setFormError(errorMessage(e)),
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!validTo) return setError(tc("dateRequired"));
    if (validTo <= card.validTo) return setError(tc("renewNotLater"));
    renew.mutate({ cardId: card.id, validTo, reason: reason.trim() || undefined });
  }

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={tc("renewTitle")} description={tc("renewBody", { level: card.level, date: formatIsoDate(card.validTo, locale) })} closeLabel={common("close")}>
        <form onSubmit={submit} noValidate className="space-y-4">
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <Field id={`${id}-to`} label={tc("newValidTo")} error={error} required>
            <Input {...fieldA11y(`${id}-to`, { error, required: true })} type="date" min={card.validTo} value={validTo} onChange={(e) => (setValidTo(e.target.value), setError(undefined))} />
          </Field>
          <Field id={`${id}-reason`} label={common("withOptional", { label: tc("reason") })} hint={tc("reasonHint")}>
            <Input {...fieldA11y(`${id}-reason`, { hint: true })} value={reason} maxLength={200} autoComplete="off" onChange={(e) => setReason(e.target.value)} />
          </Field>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {common("cancel")}
            </Button>
            <Button type="submit" disabled={renew.isPending}>
              {tc("renewSubmit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
