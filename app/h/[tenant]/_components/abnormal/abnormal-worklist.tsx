"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { ClipboardCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import { AbnormalItemsTable } from "./abnormal-items-table";

/** The full list with filters (class, overdue only, mine) and keyset "load more". */
export function AbnormalWorklist({ slug, timeZone, canResolve }: { slug: string; timeZone: string; canResolve: boolean }) {
  const t = useTranslations("abnormal");
  const trpc = useTRPC();
  const ids = useId();
  const [cls, setCls] = useState<"" | "A" | "B">("");
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [mine, setMine] = useState(false);
  const list = useInfiniteQuery(
    trpc.abnormal.list.infiniteQueryOptions(
      { class: cls || undefined, overdueOnly: overdueOnly || undefined, mine: mine || undefined, limit: 50 },
      { getNextPageParam: (last) => last.nextCursor ?? undefined },
    ),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-4" role="group" aria-label={t("filters.label")}>
        <label htmlFor={`${ids}-class`} className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("filters.class")}</span>
          <Select id={`${ids}-class`} value={cls} onChange={(e) => setCls(e.target.value as "" | "A" | "B")} className="w-44">
            <option value="">{t("filters.allClasses")}</option>
            <option value="A">{t("class.A")}</option>
            <option value="B">{t("class.B")}</option>
          </Select>
        </label>
        <label className="flex h-10 items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} className="size-4 accent-primary-600" />
          {t("filters.overdueOnly")}
        </label>
        <label className="flex h-10 items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" checked={mine} onChange={(e) => setMine(e.target.checked)} className="size-4 accent-primary-600" />
          {t("filters.mine")}
        </label>
      </div>
      {list.isError ? <Alert tone="error">{errorMessage(list.error)}</Alert> : null}
      {list.isPending ? (
        <Skeleton className="h-64" />
      ) : items.length === 0 ? (
        <EmptyState icon={ClipboardCheck} title={t("empty.title")} description={t("empty.description")} />
      ) : (
        <>
          <AbnormalItemsTable items={items} slug={slug} timeZone={timeZone} canResolve={canResolve} onChanged={() => void list.refetch()} />
          {list.hasNextPage ? (
            <div className="flex justify-center">
              <Button variant="secondary" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {t("loadMore")}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </div>
  );
}
