"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ScrollText } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { formatTimestamp } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import { useTRPC, useTRPCClient } from "@/app/_trpc/client";
import { OutcomeBadge } from "../_components/outcome-badge";
import { auditActionLabel, auditResourceLabel, roleLabel } from "../_lib/audit-labels";

const PAGE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Newest first; "load more" continues below the last row (keyset on seq), so nothing shifts while reading. */
export function AuditLog({ timeZone }: { timeZone: string }) {
  const t = useTranslations("privacy");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const client = useTRPCClient();

  const log = useInfiniteQuery({
    queryKey: [...trpc.audit.list.queryKey(), "keyset", PAGE],
    queryFn: ({ pageParam }) => client.audit.list.query({ beforeSeq: pageParam, limit: PAGE }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBeforeSeq,
  });
  const rows = useMemo(() => log.data?.pages.flatMap((p) => p.items) ?? [], [log.data]);
  const ids = useMemo(() => [...new Set(rows.map((r) => r.actorUserId).filter((id): id is string => !!id && UUID.test(id)))].sort().slice(0, 200), [rows]);
  const names = useQuery({ ...trpc.dashboard.auditActorNames.queryOptions({ ids }), enabled: ids.length > 0 });
  const nameById = useMemo(() => new Map((names.data ?? []).map((n) => [n.id, n.name])), [names.data]);

  const describe = (e: (typeof rows)[number]) => ({
    action: auditActionLabel(t, e.action),
    resource: auditResourceLabel(t, e.resourceType),
    actorName: e.actorUserId ? (nameById.get(e.actorUserId) ?? (names.isSuccess ? t("formerMember") : "…")) : t("system"),
  });

  if (log.isPending) {
    return (
      <div className="space-y-2" aria-busy="true">
        <span className="sr-only">{tc("loading")}</span>
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-9 w-full" />
        ))}
      </div>
    );
  }
  if (log.isError) return <Alert tone="error">{t("loadFailed")}</Alert>;
  if (rows.length === 0) return <EmptyState icon={ScrollText} title={t("logTitle")} description={t("empty")} />;

  return (
    <section aria-labelledby="audit-title">
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="audit-title" className="text-base font-semibold text-slate-900">
          {t("logTitle")}
        </h2>
        <p className="text-xs text-slate-600">{t("timeZoneNote", { timeZone })}</p>
      </div>
      <TableFrame className="hidden max-h-[70vh] md:block">
        <Table>
          <caption className="sr-only">
            {t("logTitle")} — {t("timeZoneNote", { timeZone })}
          </caption>
          <TableHead>
            <tr>
              <TableHeaderCell>{t("columns.time")}</TableHeaderCell>
              <TableHeaderCell>{t("columns.actor")}</TableHeaderCell>
              <TableHeaderCell>{t("columns.action")}</TableHeaderCell>
              <TableHeaderCell className="hidden lg:table-cell">{t("columns.resource")}</TableHeaderCell>
              <TableHeaderCell>{t("columns.outcome")}</TableHeaderCell>
              <TableHeaderCell className="hidden xl:table-cell">{t("columns.ip")}</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {rows.map((e) => {
              const { action, resource, actorName } = describe(e);
              return (
                <TableRow key={e.seq}>
                  <TableCell className="font-mono text-xs whitespace-nowrap text-slate-700 tabular-nums">
                    <time dateTime={e.occurredAt.toISOString()}>{formatTimestamp(e.occurredAt, timeZone)}</time>
                  </TableCell>
                  <TableCell>
                    <span className="block max-w-48 truncate">{actorName}</span>
                    {e.actorUserId && e.actorRole ? <span className="block text-xs text-slate-500">{roleLabel(tc, e.actorRole)}</span> : null}
                  </TableCell>
                  <TableCell>
                    <span className="block">{action}</span>
                    {action !== e.action ? <code className="block text-[11px] text-slate-500">{e.action}</code> : null}
                    {e.purpose ? <span className="block text-xs text-slate-600">{t("purpose", { purpose: e.purpose })}</span> : null}
                  </TableCell>
                  <TableCell className="hidden text-slate-700 lg:table-cell">
                    {resource ? (
                      <>
                        {resource}
                        {e.resourceId ? (
                          <code className="ml-1.5 text-[11px] text-slate-500" title={e.resourceId}>
                            {e.resourceId.slice(-8)}
                          </code>
                        ) : null}
                      </>
                    ) : (
                      "—"
                    )}
                  </TableCell>
                  <TableCell>
                    <OutcomeBadge outcome={e.outcome} label={t(`outcomes.${e.outcome}`)} />
                  </TableCell>
                  <TableCell className="hidden font-mono text-xs text-slate-600 xl:table-cell">{e.ip ?? "—"}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableFrame>
      {/* Below md the same rows as a stacked list: every field readable without sideways scrolling. */}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white md:hidden">
        {rows.map((e) => {
          const { action, resource, actorName } = describe(e);
          return (
            <li key={e.seq} className="px-4 py-3 text-sm">
              <div className="flex items-start justify-between gap-3">
                <span className="font-medium text-slate-900">{action}</span>
                <OutcomeBadge outcome={e.outcome} label={t(`outcomes.${e.outcome}`)} />
              </div>
              <p className="mt-1 text-slate-700">
                {actorName}
                {e.actorUserId && e.actorRole ? <span className="text-slate-500"> · {roleLabel(tc, e.actorRole)}</span> : null}
                {resource ? <span className="text-slate-500"> · {resource}</span> : null}
              </p>
              {e.purpose ? <p className="mt-0.5 text-xs text-slate-600">{t("purpose", { purpose: e.purpose })}</p> : null}
              <p className="mt-0.5 font-mono text-xs text-slate-600 tabular-nums">
                <time dateTime={e.occurredAt.toISOString()}>{formatTimestamp(e.occurredAt, timeZone)}</time>
                {e.ip ? <span className="ml-2">{e.ip}</span> : null}
              </p>
            </li>
          );
        })}
      </ul>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600" aria-live="polite">
          {t("shown", { count: rows.length })}
          {!log.hasNextPage ? ` · ${t("end")}` : ""}
        </p>
        {log.hasNextPage ? (
          <Button variant="secondary" onClick={() => log.fetchNextPage()} disabled={log.isFetchingNextPage}>
            {log.isFetchingNextPage ? tc("loading") : tc("loadMore")}
          </Button>
        ) : null}
      </div>
    </section>
  );
}
