"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { CalendarCheck, Filter, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage } from "@/app/_components/server-errors";
import { useTRPC, useTRPCClient } from "@/app/_trpc/client";
import { cn } from "@/app/_components/ui/cn";
import { TASK_KIND_LABELS, type TaskKindLabel } from "./task-labels";
import { WorklistTable } from "./worklist-table";

const BUCKETS = ["overdue", "today", "upcoming"] as const;
type Bucket = (typeof BUCKETS)[number];
const PAGE = 50;

/**
 * Tabs for overdue / due today / upcoming with their counts, filters by task type, by patient
 * (?patient=<id>) and "only mine" (for roles that see every patient), keyset "load more".
 */
export function FollowupWorklist({ slug, timeZone, seesAll, canRecord, patientId }: { slug: string; timeZone: string; seesAll: boolean; canRecord: boolean; patientId?: string }) {
  const t = useTranslations("followups");
  const trpc = useTRPC();
  const client = useTRPCClient();
  const router = useRouter();
  const ids = useId();
  const [bucket, setBucket] = useState<Bucket>("today");
  const [kind, setKind] = useState<TaskKindLabel | "">("");
  const [mine, setMine] = useState(false);
  const input = { bucket, kind: kind || undefined, patientId, mine, limit: PAGE };
  const board = useInfiniteQuery({
    queryKey: [...trpc.worklist.board.queryKey(), input],
    queryFn: ({ pageParam }) => client.worklist.board.query({ ...input, after: pageParam ?? undefined }),
    initialPageParam: null as { dueAt: Date; id: string } | null,
    getNextPageParam: (last) => {
      const tail = last.tasks.at(-1);
      return last.hasMore && tail?.dueAt ? { dueAt: tail.dueAt, id: tail.id } : null;
    },
  });
  const tasks = useMemo(() => board.data?.pages.flatMap((p) => p.tasks) ?? [], [board.data]);
  const counts = board.data?.pages[0]?.counts;
  const patientName = patientId ? tasks.find((x) => x.patient.id === patientId)?.patient.nameMasked : undefined;

  return (
    <div className="space-y-4">
      <div role="tablist" aria-label={t("buckets.label")} className="flex flex-wrap gap-2">
        {BUCKETS.map((b) => (
          <button
            key={b}
            type="button"
            role="tab"
            id={`${ids}-tab-${b}`}
            aria-selected={bucket === b}
            aria-controls={`${ids}-panel`}
            onClick={() => setBucket(b)}
            className={cn(
              "inline-flex h-10 items-center gap-2 rounded-md border px-4 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary-600",
              bucket === b ? "border-primary-600 bg-primary-50 text-primary-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50",
              b === "overdue" && counts && counts.overdue > 0 && bucket !== b ? "border-red-300 text-red-800" : null,
            )}
          >
            {t(`buckets.${b}`)}
            <span className="rounded-full bg-white/80 px-2 text-xs tabular-nums ring-1 ring-slate-200" data-testid={`count-${b}`}>
              {counts ? counts[b] : "…"}
            </span>
          </button>
        ))}
      </div>

      <div className="flex flex-wrap items-end gap-4" role="group" aria-label={t("filters.label")}>
        <label htmlFor={`${ids}-kind`} className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("filters.kind")}</span>
          <Select id={`${ids}-kind`} value={kind} onChange={(e) => setKind(e.target.value as TaskKindLabel | "")} className="w-52">
            <option value="">{t("filters.allKinds")}</option>
            {TASK_KIND_LABELS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </Select>
        </label>
        {seesAll ? (
          <label className="flex h-10 items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} className="size-4 accent-primary-600" />
            {t("filters.mine")}
          </label>
        ) : null}
        {patientId ? (
          <div className="flex h-10 items-center gap-2 rounded-md border border-primary-200 bg-primary-50 px-3 text-sm text-primary-900">
            <Filter aria-hidden className="size-4" />
            {t("filters.patient", { name: patientName ?? "…" })}
            <Button size="sm" variant="ghost" onClick={() => router.push(`/h/${slug}/followups`)} aria-label={t("filters.clearPatient")}>
              <X aria-hidden className="size-4" />
            </Button>
          </div>
        ) : null}
      </div>

      <div id={`${ids}-panel`} role="tabpanel" aria-labelledby={`${ids}-tab-${bucket}`} className="space-y-3">
        {board.isError ? <Alert tone="error">{errorMessage(board.error)}</Alert> : null}
        {board.isPending ? (
          <Skeleton className="h-64" />
        ) : tasks.length === 0 ? (
          <EmptyState icon={CalendarCheck} title={t(`empty.${bucket}`)} description={t("empty.hint")} />
        ) : (
          <>
            <WorklistTable tasks={tasks} slug={slug} timeZone={timeZone} canRecord={canRecord} />
            {board.hasNextPage ? (
              <div className="flex justify-center">
                <Button variant="secondary" onClick={() => void board.fetchNextPage()} disabled={board.isFetchingNextPage}>
                  {t("loadMore")}
                </Button>
              </div>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}
