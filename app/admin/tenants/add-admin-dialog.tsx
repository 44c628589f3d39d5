"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { serverFieldErrors } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";

type FieldErrors = Partial<Record<"email" | "displayName" | "initialPassword", string>>;

/** Appoints an administrator of one organisation: a new account (must enrol MFA at first sign-in) or an existing one. */
export function AddAdminDialog({ slug, name, onClose }: { slug: string; name: string; onClose: () => void }) {
  const t = useTranslations("admin.tenants.addAdmin");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [errors, setErrors] = useState<FieldErrors & { form?: string }>({});
  const add = useMutation(trpc.platform.tenants.addAdmin.mutationOptions());

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "");
    const displayName = String(form.get("displayName") ?? "").trim();
    const initialPassword = String(form.get("initialPassword") ?? "");
    setErrors({});
    add.mutate(
      { slug, email, ...(displayName ? { displayName } : {}), ...(initialPassword ? { initialPassword } : {}) },
      {
        onSuccess: async () => {
          toast.show({ tone: "success", message: t("added", { email, name }) });
          await queryClient.invalidateQueries({ queryKey: trpc.platform.tenants.list.queryKey() });
          onClose();
        },
        onError: (error) => {
          const { fields, form } = serverFieldErrors(error);
          setErrors(form !== undefined ? { form } : (fields as FieldErrors));
        },
      },
    );
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title={t("title", { name })} description={t("description")} closeLabel={common("close")}>
        <form onSubmit={submit} className="space-y-4" noValidate>
          {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
          <Field id="admin-email" label={t("email")} required requiredLabel={common("required")} error={errors.email}>
            <Input {...fieldA11y("admin-email", { error: errors.email })} name="email" type="email" autoComplete="off" required />
          </Field>
          <Field id="admin-name" label={t("displayName")} hint={t("newAccountHint")} error={errors.displayName}>
            <Input {...fieldA11y("admin-name", { hint: true, error: errors.displayName })} name="displayName" autoComplete="off" maxLength={100} />
          </Field>
          <Field id="admin-password" label={t("initialPassword")} hint={t("initialPasswordHint")} error={errors.initialPassword}>
            <Input
              {...fieldA11y("admin-password", { hint: true, error: errors.initialPassword })}
              name="initialPassword"
              type="password"
              autoComplete="new-password"
              maxLength={128}
            />
          </Field>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {common("cancel")}
            </Button>
            <Button type="submit" disabled={add.isPending} aria-busy={add.isPending || undefined}>
              {t("submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
