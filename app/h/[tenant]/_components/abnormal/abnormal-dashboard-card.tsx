"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowRight, Siren } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import { AbnormalItemsTable } from "./abnormal-items-table";

/** The ten oldest open 重要异常结果 items on the dashboard, with a link to the full list. */
export function AbnormalDashboardCard({ slug, timeZone, canResolve }: { slug: string; timeZone: string; canResolve: boolean }) {
  const t = useTranslations("abnormal");
  const trpc = useTRPC();
  const list = useQuery(trpc.abnormal.list.queryOptions({ limit: 10 }));
  const items = list.data?.items ?? [];
  // Counted on the ten shown: the full list with its filters is one click away.
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <Card className="mb-6" aria-labelledby="abnormal-dashboard-title">
      <CardHeader className="flex flex-wrap items-center justify-between gap-2 py-3">
        <CardTitle id="abnormal-dashboard-title" className="flex items-center gap-2">
          <Siren aria-hidden className="size-4 text-red-700" />
          {t("dashboard.title")}
          {list.data ? (
            <span className="text-sm font-normal text-slate-600">
              {t("dashboard.open", { count: list.data.nextCursor ? `${items.length}+` : String(items.length) })}
              {overdue ? <b className="ml-2 text-red-700">{t("dashboard.overdue", { count: overdue })}</b> : null}
            </span>
          ) : null}
        </CardTitle>
        <Link href={`/h/${slug}/results/abnormal`} className="inline-flex items-center gap-1 text-sm font-medium text-primary-700 hover:underline">
          {t("dashboard.link")}
          <ArrowRight aria-hidden className="size-4" />
        </Link>
      </CardHeader>
      {list.isPending ? (
        <CardContent>
          <Skeleton className="h-24" />
        </CardContent>
      ) : list.isError ? (
        <CardContent>
          <Alert tone="error">{errorMessage(list.error)}</Alert>
        </CardContent>
      ) : items.length === 0 ? (
        <CardContent>
          <p className="text-sm text-slate-600">{t("dashboard.none")}</p>
        </CardContent>
      ) : (
        <CardContent className="p-0">
          <AbnormalItemsTable items={items} slug={slug} timeZone={timeZone} canResolve={canResolve} onChanged={() => void list.refetch()} />
        </CardContent>
      )}
    </Card>
  );
}
