"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRightLeft } from "lucide-react";
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

type Errors = { from?: string; to?: string; reason?: string; form?: string };

/** Button + dialog: moves every active patient of one health manager to another (panel.reassignAll). */
export function HandoverPanel() {
  const t = useTranslations("patients.ui.handover");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <ArrowRightLeft aria-hidden className="size-4" />
        {t("action")}
      </Button>
      {open ? <HandoverDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function HandoverDialog({ onClose }: { onClose: () => void }) {
  const t = useTranslations("patients.ui.handover");
  const tr = useTranslations("patients.ui.reassign");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const managers = useQuery(trpc.panel.managers.queryOptions({}));
  const owners = useQuery(trpc.panel.owners.queryOptions());
  const [fromUserId, setFrom] = useState("");
  const [toUserId, setTo] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const move = useMutation(
    trpc.panel.reassignAll.mutationOptions({
      onSuccess: async (out) => {
        toast.show({ tone: "success", message: t("done", { count: out.moved }) });
        onClose();
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.patient.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.panel.pathKey() }),
        ]);
      },
      onError: (e) => {
        const { fields, form } = serverFieldErrors(e);
        const code = (e as { data?: { code?: string } }).data?.code;
        if (form && code === "BAD_REQUEST") return setErrors({ to: form });
        setErrors({ from: fields.fromUserId, to: fields.toUserId, reason: fields.reason, form });
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Errors = {
      from: fromUserId ? undefined : t("fromRequired"),
      to: !toUserId ? tr("toRequired") : toUserId === fromUserId ? t("sameManager") : undefined,
      reason: reason.trim() ? undefined : tr("reasonRequired"),
    };
    setErrors(found);
    if (found.from || found.to || found.reason) return;
    move.mutate({ fromUserId, toUserId, reason: reason.trim() });
  }

  const from = owners.data?.find((m) => m.id === fromUserId);
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={t("title")} description={t("description")} closeLabel={tc("close")}>
        <form onSubmit={submit} noValidate className="space-y-4">
          {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
          {managers.isError || owners.isError ? <Alert tone="error">{t("loadFailed")}</Alert> : null}
          <Field id={`${id}-from`} label={t("from")} error={errors.from} required>
            <Select {...fieldA11y(`${id}-from`, { error: errors.from, required: true })} value={fromUserId} onChange={(e) => setFrom(e.target.value)}>
              <option value="">{owners.isPending ? tc("loading") : tr("choose")}</option>
              {owners.data?.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.active ? tr("managerOption", { name: m.name, count: m.activePatients }) : t("formerOption", { name: m.name, count: m.activePatients })}
                </option>
              ))}
            </Select>
          </Field>
          <Field id={`${id}-to`} label={tr("to")} error={errors.to} required>
            <Select {...fieldA11y(`${id}-to`, { error: errors.to, required: true })} value={toUserId} onChange={(e) => setTo(e.target.value)}>
              <option value="">{managers.isPending ? tc("loading") : tr("choose")}</option>
              {managers.data
                ?.filter((m) => m.id !== fromUserId)
                .map((m) => (
                  <option key={m.id} value={m.id}>
                    {tr("managerOption", { name: m.name, count: m.activePatients })}
                  </option>
                ))}
            </Select>
          </Field>
          <Field id={`${id}-reason`} label={tr("reason")} hint={t("reasonHint")} error={errors.reason} required>
            <Input {...fieldA11y(`${id}-reason`, { hint: true, error: errors.reason, required: true })} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
          </Field>
          {from ? (
            <p className="text-sm text-slate-700" role="status">
              {t("summary", { count: from.activePatients, name: from.name })}
            </p>
          ) : null}
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
