"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter, DialogTrigger } from "@/app/_components/ui/dialog";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import { serverFieldErrors } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import { TENANT_ROLES, type TenantRole } from "@/server/shared/permissions";

type FieldErrors = Partial<Record<"email" | "displayName" | "initialPassword" | "role", string>>;

export function AddStaffDialog({ children, onAdded }: { children: ReactNode; onAdded: () => void }) {
  const t = useTranslations("auth.staff");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors & { form?: string }>({});
  const add = useMutation(trpc.staff.add.mutationOptions());

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const displayName = String(form.get("displayName") ?? "").trim();
    const initialPassword = String(form.get("initialPassword") ?? "");
    setErrors({});
    add.mutate(
      {
        email: String(form.get("email") ?? ""),
        role: String(form.get("role")) as TenantRole,
        ...(displayName ? { displayName } : {}),
        ...(initialPassword ? { initialPassword } : {}),
      },
      {
        onSuccess: () => {
          toast.show({ tone: "success", message: t("added", { name: displayName || String(form.get("email")) }) });
          setOpen(false);
          onAdded();
        },
        onError: (error) => {
          const { fields, form } = serverFieldErrors(error);
          setErrors(form !== undefined ? { form } : (fields as FieldErrors));
        },
      },
    );
  }

  return (
    <Dialog open={open} onOpenChange={(o) => (setOpen(o), setErrors({}))}>
      <DialogTrigger asChild>{children}</DialogTrigger>
      <DialogContent title={t("addTitle")} description={t("addDescription")} closeLabel={common("close")}>
        <form onSubmit={submit} className="space-y-4" noValidate>
          {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
          <Field id="staff-email" label={t("email")} required requiredLabel={common("required")} error={errors.email}>
            <Input {...fieldA11y("staff-email", { error: errors.email })} name="email" type="email" autoComplete="off" required />
          </Field>
          <Field id="staff-role" label={t("role")} required requiredLabel={common("required")} error={errors.role}>
            <Select {...fieldA11y("staff-role", { error: errors.role })} name="role" defaultValue="nurse">
              {TENANT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {common(`roles.${r}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field id="staff-name" label={t("displayName")} error={errors.displayName}>
            <Input {...fieldA11y("staff-name", { error: errors.displayName })} name="displayName" autoComplete="off" maxLength={100} />
          </Field>
          <Field id="staff-password" label={t("initialPassword")} hint={t("initialPasswordHint")} error={errors.initialPassword}>
            <Input
              {...fieldA11y("staff-password", { hint: true, error: errors.initialPassword })}
              name="initialPassword"
              type="password"
              autoComplete="new-password"
              maxLength={128}
            />
          </Field>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
              {common("cancel")}
            </Button>
            <Button type="submit" disabled={add.isPending} aria-busy={add.isPending || undefined}>
              {t("submitAdd")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
