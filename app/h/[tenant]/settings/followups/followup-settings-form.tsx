"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState, type FormEvent } from "react";
import { serverFieldErrors } from "@/app/_components/server-errors";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent } from "@/app/_components/ui/card";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";

/** Escalation delay for overdue tasks and the local hour of the afternoon digest. */
export function FollowupSettingsForm() {
  const t = useTranslations("followups.settings");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const settings = useQuery(trpc.followup.settings.queryOptions());
  const [form, setForm] = useState({ escalateAfterHours: "48", digestEnabled: true, digestHour: "16" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  useEffect(() => {
    if (settings.data) setForm({ escalateAfterHours: String(settings.data.escalateAfterHours), digestEnabled: settings.data.digestEnabled, digestHour: String(settings.data.digestHour) });
  }, [settings.data]);
  const save = useMutation(
    trpc.followup.saveSettings.mutationOptions({
      onSuccess: () => {
        toast.show({ tone: "success", message: t("saved") });
        void queryClient.invalidateQueries({ queryKey: trpc.followup.settings.queryKey() });
      },
      onError: (e) => {
        const s = serverFieldErrors(e, ["escalateAfterHours", "digestHour"]);
        setErrors(s.fields);
        setFormError(s.form);
      },
    }),
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(undefined);
    save.mutate({ escalateAfterHours: Number(form.escalateAfterHours), digestEnabled: form.digestEnabled, digestHour: Number(form.digestHour) });
  }

  return (
    <Card className="max-w-xl">
      <CardContent>
        <form onSubmit={submit} noValidate className="space-y-4">
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <Field id={`${id}-after`} label={t("escalateAfterHours")} hint={t("escalateAfterHoursHint")} error={errors.escalateAfterHours}>
            <Input {...fieldA11y(`${id}-after`, { hint: true, error: errors.escalateAfterHours })} type="number" min={1} max={720} className="w-32" value={form.escalateAfterHours} onChange={(e) => setForm({ ...form, escalateAfterHours: e.target.value })} />
          </Field>
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" checked={form.digestEnabled} onChange={(e) => setForm({ ...form, digestEnabled: e.target.checked })} className="size-4 accent-primary-600" />
            {t("digestEnabled")}
          </label>
          <Field id={`${id}-hour`} label={t("digestHour")} hint={t("digestHourHint")} error={errors.digestHour}>
            <Input {...fieldA11y(`${id}-hour`, { hint: true, error: errors.digestHour })} type="number" min={0} max={23} className="w-32" value={form.digestHour} onChange={(e) => setForm({ ...form, digestHour: e.target.value })} />
          </Field>
          <div className="flex justify-end">
            <Button type="submit" disabled={save.isPending || !settings.data}>
              {t("save")}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
