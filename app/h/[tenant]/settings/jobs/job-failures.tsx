"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RotateCcw } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatDateTime } from "@/app/_components/format";
import { errorMessage } from "@/app/_components/server-errors";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";

/** The dead-letter list: retry (the original event goes back to the outbox) or dismiss. */
export function JobFailures({ timeZone }: { timeZone: string }) {
  const t = useTranslations("reminders.settings");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [includeResolved, setIncludeResolved] = useState(false);
  const failures = useQuery(trpc.jobs.failures.queryOptions({ includeResolved }));
  const resolve = useMutation(
    trpc.jobs.resolve.mutationOptions({
      onSuccess: (r) => {
        toast.show({ tone: "success", message: r.resolution === "retried" ? t("retried") : t("dismissed") });
        void queryClient.invalidateQueries({ queryKey: trpc.jobs.failures.pathKey() });
      },
      onError: (e) => toast.show({ tone: "error", message: errorMessage(e) }),
    }),
  );
  return (
    <div className="space-y-3">
      <label className="inline-flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" className="size-4 accent-primary-600" checked={includeResolved} onChange={(e) => setIncludeResolved(e.target.checked)} />
        {t("showResolved")}
      </label>
      {!failures.data ? (
        <p className="text-sm text-slate-600">{failures.isError ? errorMessage(failures.error) : tc("loading")}</p>
      ) : failures.data.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">✓ {t("jobsEmpty")}</p>
      ) : (
        <TableFrame tabIndex={0} role="region" aria-label={t("jobs")}>
          <Table aria-label={t("jobs")}>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t("failureColumns.failedAt")}</TableHeaderCell>
                <TableHeaderCell>{t("failureColumns.function")}</TableHeaderCell>
                <TableHeaderCell>{t("failureColumns.event")}</TableHeaderCell>
                <TableHeaderCell>{t("failureColumns.error")}</TableHeaderCell>
                <TableHeaderCell className="text-right">{t("failureColumns.attempts")}</TableHeaderCell>
                <TableHeaderCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {failures.data.map((f) => (
                <TableRow key={f.id}>
                  <TableCell className="whitespace-nowrap tabular-nums">{formatDateTime(f.failedAt, locale, timeZone)}</TableCell>
                  <TableCell className="font-mono text-xs">{f.functionId}</TableCell>
                  <TableCell className="font-mono text-xs">{f.eventName}</TableCell>
                  <TableCell className="max-w-md text-xs break-words text-slate-700">{f.error}</TableCell>
                  <TableCell className="text-right tabular-nums">{f.attempts}</TableCell>
                  <TableCell className="whitespace-nowrap text-right">
                    {f.resolution ? (
                      <Badge>{t(`resolution.${f.resolution}`)}</Badge>
                    ) : (
                      <span className="inline-flex gap-1">
                        <Button size="sm" variant="secondary" disabled={resolve.isPending} onClick={() => resolve.mutate({ failureId: f.id, resolution: "retried" })}>
                          <RotateCcw aria-hidden className="size-4" />
                          {t("retry")}
                        </Button>
                        <Button size="sm" variant="ghost" disabled={resolve.isPending} onClick={() => resolve.mutate({ failureId: f.id, resolution: "dismissed" })}>
                          {t("dismiss")}
                        </Button>
                      </span>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableFrame>
      )}
    </div>
  );
}
