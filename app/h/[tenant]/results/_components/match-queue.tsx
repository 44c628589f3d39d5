"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import { ResolveQueueDialog, type QueueItem } from "./resolve-queue-dialog";

/** Reports that matched no patient at import: assign each to a patient (or discard it). */
export function MatchQueue() {
  const t = useTranslations("results.queue");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const q = useQuery(trpc.results.queue.queryOptions({ limit: 50 }));
  const [resolving, setResolving] = useState<QueueItem | null>(null);
  const discard = useMutation(
    trpc.results.discardQueueItem.mutationOptions({
      onSuccess: async () => {
        toast.show({ tone: "success", message: t("discarded") });
        await qc.invalidateQueries({ queryKey: trpc.results.queue.queryKey() });
      },
    }),
  );
  const items = q.data?.items ?? [];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3">
        <p className="text-sm text-slate-600">{t("hint")}</p>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("empty")}</p>
        ) : (
          <TableFrame>
            <Table>
              <TableHead>
                <TableRow>
                  <TableHeaderCell>{t("examDate")}</TableHeaderCell>
                  <TableHeaderCell>{t("identifiers")}</TableHeaderCell>
                  <TableHeaderCell>{t("count")}</TableHeaderCell>
                  <TableHeaderCell>{t("source")}</TableHeaderCell>
                  <TableHeaderCell>
                    <span className="sr-only">{t("actions")}</span>
                  </TableHeaderCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {items.map((i) => (
                  <TableRow key={i.id}>
                    <TableCell className="tabular-nums">{i.examDate}</TableCell>
                    <TableCell>{describeIdentifiers(i, t)}</TableCell>
                    <TableCell className="tabular-nums">{i.observationCount}</TableCell>
                    <TableCell>{i.source}</TableCell>
                    <TableCell className="space-x-2 text-right whitespace-nowrap">
                      <Button size="sm" onClick={() => setResolving(i)} aria-label={t("matchAria", { date: i.examDate, who: describeIdentifiers(i, t) })}>
                        {t("match")}
                      </Button>
                      <Button variant="secondary" size="sm" disabled={discard.isPending} onClick={() => window.confirm(t("discardConfirm")) && discard.mutate({ itemId: i.id })}>
                        {t("discard")}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableFrame>
        )}
      </CardContent>
      {resolving ? <ResolveQueueDialog item={resolving} describe={describeIdentifiers(resolving, t)} onClose={() => setResolving(null)} /> : null}
    </Card>
  );
}

function describeIdentifiers(i: QueueItem, t: (key: "card" | "mrn") => string): string {
  return [i.nameMasked, i.cardNo && `${t("card")} ${i.cardNo}`, i.idNumberMasked, i.mrn && `${t("mrn")} ${i.mrn}`].filter(Boolean).join(" · ");
}
