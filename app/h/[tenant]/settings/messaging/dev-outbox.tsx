"use client";

import { useQuery } from "@tanstack/react-query";
import { Inbox } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "@/app/_components/format";
import { errorMessage } from "@/app/_components/server-errors";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/client";

/** Messages that would have been sent while no provider is configured (reading them is audited). */
export function DevOutbox({ timeZone }: { timeZone: string }) {
  const t = useTranslations("reminders.settings");
  const tr = useTranslations("reminders.reminders");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const outbox = useQuery({ ...trpc.messaging.devOutbox.queryOptions(), refetchInterval: 5000 });
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Inbox aria-hidden className="size-4 text-slate-500" />
          {t("devOutbox")}
        </CardTitle>
        <p className="text-sm text-slate-600">{t("devOutboxHint")}</p>
      </CardHeader>
      <CardContent>
        {!outbox.data ? (
          <p className="text-sm text-slate-600">{outbox.isError ? errorMessage(outbox.error) : tc("loading")}</p>
        ) : outbox.data.length === 0 ? (
          <p className="text-sm text-slate-600">{t("devOutboxEmpty")}</p>
        ) : (
          <TableFrame tabIndex={0} role="region" aria-label={t("devOutbox")}>
            <Table aria-label={t("devOutbox")}>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>{t("columns.time")}</TableHeaderCell>
                  <TableHeaderCell>{t("columns.channel")}</TableHeaderCell>
                  <TableHeaderCell>{t("columns.recipient")}</TableHeaderCell>
                  <TableHeaderCell>{t("columns.content")}</TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {outbox.data.map((m) => (
                  <TableRow key={m.id} data-testid="dev-outbox-row">
                    <TableCell className="whitespace-nowrap tabular-nums">{formatDateTime(m.createdAt, locale, timeZone)}</TableCell>
                    <TableCell>{tr(`channels.${m.channel}`)}</TableCell>
                    <TableCell className="whitespace-nowrap tabular-nums">{m.recipient}</TableCell>
                    <TableCell className="min-w-[18rem]">
                      {m.subject ? <p className="font-medium text-slate-900">{m.subject}</p> : null}
                      <p className="line-clamp-4 text-sm whitespace-pre-line text-slate-700">{m.body ?? "***"}</p>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableFrame>
        )}
      </CardContent>
    </Card>
  );
}
