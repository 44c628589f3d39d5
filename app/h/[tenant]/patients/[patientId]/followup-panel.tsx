"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ListChecks, PhoneCall } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { formatDate } from "@/app/_components/format";
import { errorMessage } from "@/app/_components/server-errors";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import { FollowupHistory } from "../../followups/_components/followup-history";

const STATUS_TONE = { active: "primary", completed: "ok", stopped: "neutral" } as const;

/** A patient's follow-up plans (start from a template, stop) and earlier follow-up records. */
export function FollowupPanel({ patientId, slug, timeZone, canWrite }: { patientId: string; slug: string; timeZone: string; canWrite: boolean }) {
  const t = useTranslations("followups.panel");
  const locale = useLocale();
  const en = locale === "en";
  const ids = useId();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [templateId, setTemplateId] = useState("");
  const plans = useQuery(trpc.followup.plans.queryOptions({ patientId }));
  const templates = useQuery({ ...trpc.followup.templates.queryOptions({}), enabled: canWrite });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.followup.plans.queryKey({ patientId }) });
    void queryClient.invalidateQueries({ queryKey: trpc.worklist.pathKey() });
  };
  const start = useMutation(
    trpc.followup.startPlan.mutationOptions({
      onSuccess: (r) => {
        toast.show({ tone: r.created ? "success" : "error", message: r.created ? t("started") : t("alreadyRunning") });
        setTemplateId("");
        refresh();
      },
      onError: (e) => toast.show({ tone: "error", message: errorMessage(e) }),
    }),
  );
  const stop = useMutation(
    trpc.followup.stopPlan.mutationOptions({
      onSuccess: () => {
        toast.show({ tone: "success", message: t("stopped") });
        refresh();
      },
      onError: (e) => toast.show({ tone: "error", message: errorMessage(e) }),
    }),
  );

  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
        <CardTitle className="flex items-center gap-2">
          <PhoneCall aria-hidden className="size-4 text-slate-500" />
          {t("title")}
        </CardTitle>
        <Link href={`/h/${slug}/followups?patient=${patientId}`} className="inline-flex items-center gap-1 text-sm text-primary-700 underline underline-offset-2 hover:text-primary-800">
          <ListChecks aria-hidden className="size-4" />
          {t("tasks")}
        </Link>
      </CardHeader>
      <CardContent className="space-y-4">
        {canWrite ? (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (templateId) start.mutate({ patientId, templateId });
            }}
          >
            <label htmlFor={`${ids}-template`} className="text-sm">
              <span className="mb-1 block font-medium text-slate-700">{t("template")}</span>
              <Select id={`${ids}-template`} value={templateId} onChange={(e) => setTemplateId(e.target.value)} className="w-60">
                <option value="">{t("chooseTemplate")}</option>
                {templates.data?.filter((x) => x.active).map((x) => (
                  <option key={x.id} value={x.id}>
                    {en ? (x.nameEn ?? x.name) : x.name}
                  </option>
                ))}
              </Select>
            </label>
            <Button type="submit" disabled={!templateId || start.isPending}>
              {t("start")}
            </Button>
          </form>
        ) : null}
        {plans.isError ? <p className="text-sm text-red-700">{errorMessage(plans.error)}</p> : null}
        {plans.data?.length === 0 ? <p className="text-sm text-slate-600">{t("empty")}</p> : null}
        {plans.data?.length ? (
          <ul className="divide-y divide-slate-100" aria-label={t("title")}>
            {plans.data.map((p) => {
              const name = en ? (p.templateNameEn ?? p.templateName) : p.templateName;
              return (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="followup-plan">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">{name}</p>
                    <p className="text-xs text-slate-600 tabular-nums">{p.nextDueAt ? t("nextDue", { at: formatDate(p.nextDueAt, locale, timeZone) }) : t("noNext")}</p>
                  </div>
                  <div className="flex items-center gap-2">
                    <Badge tone={STATUS_TONE[p.status]}>{t(`status.${p.status}`)}</Badge>
                    {canWrite && p.status === "active" ? (
                      <Button size="sm" variant="secondary" onClick={() => stop.mutate({ planId: p.id })} disabled={stop.isPending} aria-label={t("stopAria", { name })}>
                        {t("stop")}
                      </Button>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        ) : null}
        <FollowupHistory patientId={patientId} timeZone={timeZone} />
      </CardContent>
    </Card>
  );
}
