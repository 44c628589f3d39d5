"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowDown, ArrowRight, ArrowUp } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import { errorMessage } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import type { TReportRef } from "@/server/shared/dto/trends";
import { flagKey } from "./trend-chart";
import { indicatorName } from "./indicator-name";

function num(v: number, locale: string, signed = false): string {
  return new Intl.NumberFormat(locale === "en" ? "en-GB" : "zh-CN", { maximumFractionDigits: 2, signDisplay: signed ? "exceptZero" : "auto" }).format(v);
}

/** Two exams side by side, an arrow for each indicator's change. Defaults to the latest two. */
export function CompareView({ patientId, reports }: { patientId: string; reports: TReportRef[] }) {
  const t = useTranslations("trends.compare");
  const tt = useTranslations("trends");
  const locale = useLocale();
  const trpc = useTRPC();
  const ids = useId();
  const [a, setA] = useState(reports[1]?.id ?? "");
  const [b, setB] = useState(reports[0]?.id ?? "");
  const enabled = !!a && !!b && a !== b;
  const compare = useQuery({ ...trpc.trends.compare.queryOptions({ patientId, reportA: a, reportB: b }), enabled });

  if (reports.length < 2) return <p className="text-sm text-slate-600">{t("needTwo")}</p>;
  const label = (r: TReportRef) => `${r.examDate} · ${(tt.has(`sources.${r.source}`) ? tt(`sources.${r.source}` as "sources.manual") : r.source)} · ${t("count", { count: r.observationCount })}`;

  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="text-sm" htmlFor={`${ids}-a`}>
          <span className="mb-1 block font-medium text-slate-700">{t("earlier")}</span>
          <Select id={`${ids}-a`} value={a} onChange={(e) => setA(e.target.value)}>
            {reports.map((r) => (
              <option key={r.id} value={r.id}>
                {label(r)}
              </option>
            ))}
          </Select>
        </label>
        <label className="text-sm" htmlFor={`${ids}-b`}>
          <span className="mb-1 block font-medium text-slate-700">{t("later")}</span>
          <Select id={`${ids}-b`} value={b} onChange={(e) => setB(e.target.value)}>
            {reports.map((r) => (
              <option key={r.id} value={r.id}>
                {label(r)}
              </option>
            ))}
          </Select>
        </label>
      </div>
      {a === b ? <Alert tone="info">{t("same")}</Alert> : null}
      {compare.isError ? <Alert tone="error">{errorMessage(compare.error)}</Alert> : null}
      {compare.isPending && enabled ? <Skeleton className="h-40" /> : null}
      {compare.data ? (
        <TableFrame className="max-h-[28rem]">
          <Table>
            <caption className="sr-only">{t("caption", { a: compare.data.a.examDate, b: compare.data.b.examDate })}</caption>
            <TableHead>
              <tr>
                <TableHeaderCell>{t("indicator")}</TableHeaderCell>
                <TableHeaderCell className="text-right">{compare.data.a.examDate}</TableHeaderCell>
                <TableHeaderCell className="w-10 text-center">
                  <span className="sr-only">{t("change")}</span>
                </TableHeaderCell>
                <TableHeaderCell className="text-right">{compare.data.b.examDate}</TableHeaderCell>
                <TableHeaderCell className="text-right">{t("change")}</TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {compare.data.rows.map((r) => {
                const Icon = r.direction === "up" ? ArrowUp : r.direction === "down" ? ArrowDown : ArrowRight;
                const cell = (side: typeof r.a) =>
                  side ? (
                    <span className={side.flag ? "font-medium text-red-800" : "text-slate-900"}>
                      {side.value !== null ? `${num(side.value, locale)}` : side.text}
                      {side.flag ? <span className="ml-1 text-xs">{tt(`flags.${flagKey(side.flag)}`)}</span> : null}
                    </span>
                  ) : (
                    <span className="text-slate-400">—</span>
                  );
                return (
                  <TableRow key={r.code}>
                    <TableCell>
                      {indicatorName(r, locale)} <span className="text-xs text-slate-500">{r.unit}</span>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{cell(r.a)}</TableCell>
                    <TableCell className="text-center">
                      {r.direction ? (
                        <Icon aria-label={t(`direction.${r.direction}`)} className={r.direction === "same" ? "mx-auto size-4 text-slate-400" : "mx-auto size-4 text-primary-700"} />
                      ) : null}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{cell(r.b)}</TableCell>
                    <TableCell className="text-right text-slate-700 tabular-nums">{r.change !== null ? num(r.change, locale, true) : "—"}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableFrame>
      ) : null}
    </div>
  );
}
