"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { BellOff, Mail, MessageSquareText } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState, type FormEvent } from "react";
import { serverFieldErrors } from "@/app/_components/server-errors";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";

export function MessagingSettingsForm({ timeZone }: { timeZone: string }) {
  const t = useTranslations("reminders.settings");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const settings = useQuery(trpc.messaging.settings.queryOptions());
  const [form, setForm] = useState({ quietStart: "21:00", quietEnd: "08:00", dailyCap: "3" });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  useEffect(() => {
    if (settings.data) setForm({ quietStart: settings.data.quietStart, quietEnd: settings.data.quietEnd, dailyCap: String(settings.data.dailyCap) });
  }, [settings.data]);
  const save = useMutation(
    trpc.messaging.updateSettings.mutationOptions({
      onSuccess: () => {
        toast.show({ tone: "success", message: t("saved") });
        void queryClient.invalidateQueries({ queryKey: trpc.messaging.settings.queryKey() });
      },
      onError: (e) => {
        const s = serverFieldErrors(e, ["quietStart", "quietEnd", "dailyCap"]);
        setErrors(s.fields);
        setFormError(s.form);
      },
    }),
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    setFormError(undefined);
    save.mutate({ quietStart: form.quietStart, quietEnd: form.quietEnd, dailyCap: Number(form.dailyCap) });
  }
  const provider = (name: string | null | undefined) => (name ? <Badge tone="ok">✓ {name}</Badge> : <Badge tone="attention">! {t("notConfigured")}</Badge>);

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card>
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <BellOff aria-hidden className="size-4 text-slate-500" />
            {t("quietHours")}
          </CardTitle>
        </CardHeader>
        <CardContent>
          <form onSubmit={submit} noValidate className="space-y-4">
            {formError ? <Alert tone="error">{formError}</Alert> : null}
            <div className="grid grid-cols-2 gap-4">
              <Field id={`${id}-start`} label={t("quietStart")} error={errors.quietStart} required>
                <Input type="time" {...fieldA11y(`${id}-start`, { error: errors.quietStart, required: true })} value={form.quietStart} onChange={(e) => setForm({ ...form, quietStart: e.target.value })} />
              </Field>
              <Field id={`${id}-end`} label={t("quietEnd")} error={errors.quietEnd} required>
                <Input type="time" {...fieldA11y(`${id}-end`, { error: errors.quietEnd, required: true })} value={form.quietEnd} onChange={(e) => setForm({ ...form, quietEnd: e.target.value })} />
              </Field>
            </div>
            <p className="text-xs text-slate-600">{t("quietHint", { timeZone })}</p>
            <Field id={`${id}-cap`} label={t("dailyCap")} error={errors.dailyCap} required>
              <Input type="number" min={1} max={50} inputMode="numeric" {...fieldA11y(`${id}-cap`, { error: errors.dailyCap, required: true })} value={form.dailyCap} onChange={(e) => setForm({ ...form, dailyCap: e.target.value })} className="w-32" />
            </Field>
            <Button type="submit" disabled={save.isPending || !settings.data}>
              {t("save")}
            </Button>
          </form>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("providers")}</CardTitle>
        </CardHeader>
        <CardContent>
          {settings.data ? (
            <dl className="space-y-3 text-sm">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <dt className="flex items-center gap-1.5 text-slate-800">
                  <MessageSquareText aria-hidden className="size-4 text-slate-500" />
                  {t("providerSms")}
                </dt>
                <dd>{provider(settings.data.providers.sms)}</dd>
              </div>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <dt className="flex items-center gap-1.5 text-slate-800">
                  <Mail aria-hidden className="size-4 text-slate-500" />
                  {t("providerEmail")}
                </dt>
                <dd>{provider(settings.data.providers.email)}</dd>
              </div>
            </dl>
          ) : (
            <p className="text-sm text-slate-600">{tc("loading")}</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
