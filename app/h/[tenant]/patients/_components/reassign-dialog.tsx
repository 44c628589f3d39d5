"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import { serverFieldErrors } from "@/app/_components/server-errors";

/** Moves one or many patients to another health manager, with the reason recorded (panel.reassign). */
export function ReassignDialog({ patientIds, currentManagerId, onClose, onDone }: { patientIds: string[]; currentManagerId?: string | null; onClose: () => void; onDone: () => void }) {
  const t = useTranslations("patients.ui.reassign");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const toast = useToast();
  const id = useId();
  const managers = useQuery(trpc.panel.managers.queryOptions({}));
  const [toUserId, setTo] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<{ to?: string; reason?: string; form?: string }>({});
  const move = useMutation(
    trpc.panel.reassign.mutationOptions({
      onSuccess: (out) => {
        toast.show({ tone: "success", message: t("done", { count: out.moved }) });
        onDone();
        onClose();
      },
      onError: (e) => {
        const { fields, form } = serverFieldErrors(e);
        setErrors({ to: fields.toUserId, reason: fields.reason, form: form ?? (fields.patientIds || undefined) });
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = { to: toUserId ? undefined : t("toRequired"), reason: reason.trim() ? undefined : t("reasonRequired") };
    setErrors(found);
    if (found.to || found.reason) return;
    move.mutate({ patientIds, toUserId, reason: reason.trim() });
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title={t("title", { count: patientIds.length })} description={t("description")} closeLabel={tc("close")}>
        <form onSubmit={submit} noValidate className="space-y-4">
          {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
          <Field id={`${id}-to`} label={t("to")} error={errors.to} required>
            <Select {...fieldA11y(`${id}-to`, { error: errors.to, required: true })} value={toUserId} onChange={(e) => setTo(e.target.value)}>
              <option value="">{managers.isPending ? tc("loading") : t("choose")}</option>
              {managers.data
                ?.filter((m) => m.id !== currentManagerId)
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {t("managerOption", { name: m.name, count: m.activePatients })}
                  </option>
                ))}
            </Select>
          </Field>
          <Field id={`${id}-reason`} label={t("reason")} hint={t("reasonHint")} error={errors.reason} required>
            <Input {...fieldA11y(`${id}-reason`, { hint: true, error: errors.reason, required: true })} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
          </Field>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={move.isPending}>
              {move.isPending ? tc("saving") : t("confirm")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
