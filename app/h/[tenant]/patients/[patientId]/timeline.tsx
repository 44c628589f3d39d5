"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { ArrowRightLeft, CheckSquare, ClipboardCheck, CircleDot, CreditCard, FilePen, FlaskConical, Link2, Tag, Unlink, UserPlus, type LucideIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useTRPC } from "@/app/_trpc/client";
import { formatIsoDate } from "../_components/format-iso-date";
import type { TagChipData } from "../_components/patient-ui";

const ICONS: Record<string, LucideIcon> = {
  "patient.created": UserPlus,
  "card.opened": CreditCard,
  "card.status_changed": CreditCard,
  "card.renewed": CreditCard,
  "record.updated": FilePen,
  "tag.added": Tag,
  "tag.removed": Tag,
  "panel.assigned": ArrowRightLeft,
  "family.linked": Link2,
  "family.unlinked": Unlink,
  "task.completed": CheckSquare,
  "results.added": FlaskConical,
  "form.completed": ClipboardCheck,
};

/** Everything that happened to the patient, newest first (patient.timeline, keyset). */
export function Timeline({ patientId, timeZone, tags }: { patientId: string; timeZone: string; tags: TagChipData[] }) {
  const t = useTranslations("patients");
  const tu = useTranslations("patients.ui.detail");
  const tr = useTranslations("patients.ui.record");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const q = useInfiniteQuery(trpc.patient.timeline.infiniteQueryOptions({ patientId, limit: 20 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];

  function label(kind: string): string {
    const key = `timeline.${kind.replace(".", "_")}`;
    return t.has(key) ? t(key as "timeline.patient_created") : kind;
  }
  function detail(kind: string, d: Record<string, unknown>): string | null {
    if (kind === "card.opened" && typeof d.level === "string") return d.level;
    const status = (x: unknown) => (typeof x === "string" && t.has(`cardStatus.${x}`) ? t(`cardStatus.${x}` as "cardStatus.active") : String(x ?? ""));
    const reason = typeof d.reason === "string" && d.reason ? d.reason : null;
    if (kind === "card.status_changed" && typeof d.to === "string") {
      return [typeof d.level === "string" ? d.level : null, `${status(d.from)} → ${status(d.to)}`, d.by === "system" ? tu("bySystem") : null, reason].filter(Boolean).join(" · ");
    }
    if (kind === "card.renewed" && typeof d.toValidTo === "string") {
      const to = formatIsoDate(d.toValidTo, locale);
      return [typeof d.level === "string" ? d.level : null, typeof d.fromValidTo === "string" ? `${formatIsoDate(d.fromValidTo, locale)} → ${to}` : to, reason].filter(Boolean).join(" · ");
    }
    if (kind === "record.updated" && Array.isArray(d.changedFields)) {
      const fields: string[] = d.changedFields.map((f) => (tr.has(`sections.${f}`) ? tr(`sections.${f}` as "sections.allergies") : String(f)))
      const fieldsText = new Intl.ListFormat(locale === "en" ? "en-GB" : "zh-CN", { style: "long", type: "conjunction" }).format(fields);
      return `${tu("versionN", { n: Number(d.version) })} · ${fieldsText}`;
    }
    if ((kind === "tag.added" || kind === "tag.removed") && typeof d.tagId === "string") {
      const tag = tags.find((x) => x.id === d.tagId);
      return [tag?.name, d.source === "rule" ? tu("byRule") : null].filter(Boolean).join(" · ") || null;
    }
    if (kind === "task.completed" && typeof d.kind === "string") return t.has(`tasks.${d.kind}`) ? t(`tasks.${d.kind}` as "tasks.first_contact") : d.kind;
    if (kind === "patient.created" && typeof d.sourceChannel === "string") return d.sourceChannel;
    if (kind === "form.completed" && typeof d.formCode === "string") return `${d.formCode} v${Number(d.version)}`;
    if (kind === "results.added" && typeof d.count === "number") return tu("resultsAddedDetail", { count: d.count, abnormal: Number(d.abnormal ?? 0) });
    return null;
  }

  return (
    <Card data-testid="timeline">
      <CardHeader>
        <CardTitle>{tu("timeline")}</CardTitle>
      </CardHeader>
      <CardContent>
        {q.isPending ? (
          <div className="space-y-3" aria-busy="true">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-10 w-full" />
            ))}
          </div>
        ) : q.isError ? (
          <Alert tone="error">{tu("timelineFailed")}</Alert>
        ) : items.length === 0 ? (
          <p className="text-sm text-slate-600">{tu("timelineEmpty")}</p>
        ) : (
          <ol className="relative space-y-4 border-l border-slate-200 pl-5">
            {items.map((item) => {
              const Icon = ICONS[item.kind] ?? CircleDot;
              const extra = detail(item.kind, item.details);
              return (
                <li key={item.id} className="relative">
                  <span className="absolute top-0.5 -left-[1.95rem] flex size-6 items-center justify-center rounded-full border border-slate-200 bg-white text-slate-600">
                    <Icon aria-hidden className="size-3.5" />
                  </span>
                  <p className="text-sm font-medium text-slate-900">{label(item.kind)}</p>
                  {extra ? <p className="text-sm text-slate-700">{extra}</p> : null}
                  <p className="text-xs text-slate-600">
                    <time dateTime={item.occurredAt.toISOString()}>{formatDateTime(item.occurredAt, locale, timeZone)}</time>
                    {item.actor ? ` · ${item.actor.name}` : ""}
                  </p>
                </li>
              );
            })}
          </ol>
        )}
        {q.hasNextPage ? (
          <Button variant="ghost" size="sm" className="mt-3" onClick={() => q.fetchNextPage()} disabled={q.isFetchingNextPage}>
            {q.isFetchingNextPage ? tc("loading") : tc("loadMore")}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
