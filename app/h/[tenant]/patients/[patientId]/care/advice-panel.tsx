"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Lightbulb, Plus, Trash2, WandSparkles } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatDate } from "@/app/_components/format";
import { errorMessage } from "@/app/_components/server-errors";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import { ADVICE_CATEGORIES, type TAdviceItem } from "@/server/shared/dto/advice";

type Item = TAdviceItem & { reasons?: { key: string; params: Record<string, string | number> }[] };

export function AdvicePanel({ patientId, timeZone, canWrite }: { patientId: string; timeZone: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations("care.advice");
  const locale = useLocale();
  const toast = useToast();
  const qc = useQueryClient();
  const current = useQuery(trpc.advice.current.queryOptions({ patientId }));
  const [editing, setEditing] = useState<Item[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.advice.current.queryKey({ patientId }) });
  const propose = useMutation({
    mutationFn: () => qc.fetchQuery(trpc.advice.propose.queryOptions({ patientId, locale: locale === "en" ? "en" : "zh-CN" }, { staleTime: 0 })),
    onSuccess: (items) => setEditing(items),
    onError: (e) => toast.show({ tone: "error", message: errorMessage(e) }),
  });
  const save = useMutation(trpc.advice.saveDraft.mutationOptions({ onSuccess: () => (toast.show({ tone: "success", message: t("draftSaved") }), void refresh()), onError: (e) => setError(errorMessage(e)) }));
  const publish = useMutation(
    trpc.advice.publish.mutationOptions({
      onSuccess: () => {
        toast.show({ tone: "success", message: t("publishedToast") });
        setEditing(null);
        setError(null);
        void refresh();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  if (current.isPending) return <Skeleton className="h-48 w-full" />;
  if (current.isError) return <Alert tone="error">{current.error.message}</Alert>;
  const { published, draft } = current.data;
  const payload = () => ({ patientId, items: (editing ?? []).map(({ templateId, category, title, body }) => ({ templateId, category, title, body })) });
  const update = (i: number, patch: Partial<Item>) => setEditing((items) => items!.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  return (
    <div className="space-y-4">
      {canWrite && !editing ? (
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => propose.mutate()} disabled={propose.isPending}>
            <WandSparkles aria-hidden className="size-4" />
            {propose.isPending ? t("proposing") : t("propose")}
          </Button>
          {draft || published ? (
            <Button variant="secondary" onClick={() => setEditing((draft ?? published)!.items)}>
              {t("editPublished")}
            </Button>
          ) : null}
        </div>
      ) : null}
      {editing ? (
        <Card>
          <CardHeader>
            <CardTitle>{t("draft")}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            {editing.length === 0 ? <p className="text-sm text-slate-600">{t("emptyProposal")}</p> : null}
            {editing.map((item, i) => (
              <fieldset key={i} className="space-y-2 rounded-md border border-slate-200 p-3" data-testid="advice-item">
                <legend className="sr-only">{item.title || t("itemTitle")}</legend>
                <div className="grid gap-2 sm:grid-cols-[9rem_1fr_auto]">
                  <Select aria-label={t("category.diet")} value={item.category} onChange={(e) => update(i, { category: e.target.value as Item["category"] })}>
                    {ADVICE_CATEGORIES.map((c) => (
                      <option key={c} value={c}>
                        {t(`category.${c}`)}
                      </option>
                    ))}
                  </Select>
                  <Input aria-label={t("itemTitle")} placeholder={t("itemTitle")} value={item.title} onChange={(e) => update(i, { title: e.target.value })} maxLength={100} />
                  <Button variant="ghost" size="sm" className="h-10" onClick={() => setEditing((items) => items!.filter((_, j) => j !== i))} aria-label={t("remove")}>
                    <Trash2 aria-hidden className="size-4" />
                  </Button>
                </div>
                <textarea aria-label={t("itemBody")} placeholder={t("itemBody")} className="block min-h-20 w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-primary-600 focus:ring-2 focus:ring-primary-200 focus:outline-none" value={item.body} maxLength={2000} onChange={(e) => update(i, { body: e.target.value })} />
                {item.reasons?.length ? (
                  <p className="flex flex-wrap items-center gap-1 text-xs text-slate-600">
                    {t("reasons")}:
                    {item.reasons.map((r, k) => (
                      <Badge key={k} tone="primary">
                        {t(`reason.${r.key}` as never)}
                      </Badge>
                    ))}
                  </p>
                ) : null}
              </fieldset>
            ))}
            {error ? <Alert tone="error">{error}</Alert> : null}
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" onClick={() => setEditing((items) => [...items!, { templateId: null, category: "lifestyle", title: "", body: "" }])}>
                <Plus aria-hidden className="size-4" />
                {t("addItem")}
              </Button>
              <span className="grow" />
              <Button variant="ghost" onClick={() => (setEditing(null), setError(null))}>
                {t("cancel")}
              </Button>
              <Button variant="secondary" onClick={() => save.mutate(payload())} disabled={save.isPending}>
                {t("saveDraft")}
              </Button>
              <Button onClick={() => publish.mutate(payload())} disabled={publish.isPending}>
                {t("publish")}
              </Button>
            </div>
          </CardContent>
        </Card>
      ) : null}
      <Card>
        <CardHeader>
          <CardTitle>{t("published")}</CardTitle>
          {published?.publishedAt ? <p className="mt-0.5 text-xs text-slate-600">{t("publishedBy", { name: published.publishedBy?.name ?? "—", date: formatDate(published.publishedAt, locale, timeZone) })}</p> : null}
        </CardHeader>
        <CardContent>
          {!published ? (
            <EmptyState icon={Lightbulb} title={t("none")} />
          ) : (
            <ul className="grid gap-3 md:grid-cols-2" data-testid="advice-published">
              {published.items.map((item, i) => (
                <li key={i} className="rounded-md border border-slate-200 border-l-4 border-l-primary-600 p-3">
                  <p className="text-xs font-medium text-primary-700">{t(`category.${item.category}`)}</p>
                  <p className="font-medium text-slate-900">{item.title}</p>
                  <p className="mt-1 text-sm whitespace-pre-line text-slate-700">{item.body}</p>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
