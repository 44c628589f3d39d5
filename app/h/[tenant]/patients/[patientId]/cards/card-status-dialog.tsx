"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import type { TCard } from "@/server/shared/dto/patient";

export type CardAction = "freeze" | "unfreeze" | "cancel";

/** Confirmation with a required reason before a card is frozen, unfrozen or cancelled. */
export function CardStatusDialog({ card, action, onClose, onDone }: { card: TCard; action: CardAction; onClose: () => void; onDone: () => void }) {
  const tc = useTranslations("patients.ui.cards");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const toast = useToast();
  const id = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const change = useMutation(
    trpc.card.changeStatus.mutationOptions({
      onSuccess: () => {
        toast.show({ tone: "success", message: tc(`done.${action}`, { level: card.level }) });
        onDone();
        onClose();
      },
      onError: (e) => setFormError(errorMessage(e)),
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) return setError(tc("reasonRequired"));
    change.mutate({ cardId: card.id, action, reason: reason.trim() });
  }

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={tc(`confirm.${action}.title`)} description={tc(`confirm.${action}.body`, { level: card.level, number: card.cardNumber })} closeLabel={common("close")}>
        <form onSubmit={submit} noValidate className="space-y-4">
          {action === "cancel" ? <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{tc("cancelFinal")}</p> : null}
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <Field id={`${id}-reason`} label={tc("reason")} hint={tc("reasonHint")} error={error} required>
            <Input
              {...fieldA11y(`${id}-reason`, { hint: true, error, required: true })}
              value={reason}
              maxLength={200}
              autoComplete="off"
              autoFocus
              onChange={(e) => (setReason(e.target.value), setError(undefined))}
            />
          </Field>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {common("cancel")}
            </Button>
            <Button type="submit" variant={action === "cancel" ? "danger" : "primary"} disabled={change.isPending}>
              {tc(`confirm.${action}.submit`)}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
