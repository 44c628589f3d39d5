"use client";

import { AlarmClockOff, ArrowUpFromLine, Filter, Phone } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { formatDate, formatDateTime } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import { isLabelledChannel, isLabelledKind } from "./task-labels";

export interface WorklistTask {
  id: string;
  kind: string;
  dueAt: Date | null;
  channel: string | null;
  templateName: string | null;
  templateNameEn: string | null;
  stepTitle: string | null;
  stepTitleEn: string | null;
  escalated: boolean;
  patient: { id: string; nameMasked: string };
}

const DAY_MS = 86_400_000;

/** One row per open task: due (overdue in words), patient (filter to them), task, channel, one click to record. */
export function WorklistTable({ tasks, slug, timeZone, canRecord }: { tasks: WorklistTask[]; slug: string; timeZone: string; canRecord: boolean }) {
  const t = useTranslations("followups");
  const locale = useLocale();
  const now = Date.now();
  const en = locale === "en";

  return (
    <TableFrame className="max-h-[70vh]">
      <Table>
        <caption className="sr-only">{t("table.caption")}</caption>
        <TableHead>
          <tr>
            <TableHeaderCell>{t("table.due")}</TableHeaderCell>
            <TableHeaderCell>{t("table.patient")}</TableHeaderCell>
            <TableHeaderCell>{t("table.task")}</TableHeaderCell>
            <TableHeaderCell>{t("table.channel")}</TableHeaderCell>
            <TableHeaderCell>
              <span className="sr-only">{t("table.actions")}</span>
            </TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {tasks.map((task) => {
            const overdueDays = task.dueAt && task.dueAt.getTime() < now ? Math.floor((now - task.dueAt.getTime()) / DAY_MS) : 0;
            const template = en ? (task.templateNameEn ?? task.templateName) : task.templateName;
            const step = en ? (task.stepTitleEn ?? task.stepTitle) : task.stepTitle;
            return (
              <TableRow key={task.id} data-task-id={task.id} className={overdueDays > 0 ? "border-l-4 border-l-red-600" : undefined}>
                <TableCell className="whitespace-nowrap">
                  {task.dueAt ? (
                    <span className="tabular-nums" title={formatDateTime(task.dueAt, locale, timeZone)}>
                      {formatDate(task.dueAt, locale, timeZone)}
                    </span>
                  ) : (
                    <span className="text-slate-500">{t("table.noDue")}</span>
                  )}
                  {overdueDays > 0 ? (
                    <span className="mt-0.5 flex items-center gap-1 text-xs font-semibold text-red-700">
                      <AlarmClockOff aria-hidden className="size-3.5" />
                      {t("table.overdueDays", { count: overdueDays })}
                    </span>
                  ) : null}
                  {task.escalated ? (
                    <span className="mt-0.5 flex items-center gap-1 text-xs text-slate-600">
                      <ArrowUpFromLine aria-hidden className="size-3" />
                      {t("table.escalated")}
                    </span>
                  ) : null}
                </TableCell>
                <TableCell>
                  <div className="flex items-center gap-1">
                    <Link href={`/h/${slug}/patients/${task.patient.id}`} className="font-medium text-slate-900 underline-offset-2 hover:text-primary-700 hover:underline">
                      {task.patient.nameMasked}
                    </Link>
                    <Button asChild size="sm" variant="ghost" className="h-7 px-1.5">
                      <Link href={`/h/${slug}/followups?patient=${task.patient.id}`} aria-label={t("table.onlyPatient")} title={t("table.onlyPatient")}>
                        <Filter aria-hidden className="size-3.5" />
                      </Link>
                    </Button>
                  </div>
                </TableCell>
                <TableCell>
                  <span className="font-medium text-slate-900">{isLabelledKind(task.kind) ? t(`kinds.${task.kind}`) : task.kind}</span>
                  {template || step ? <span className="block text-xs text-slate-600">{[template, step].filter(Boolean).join(" · ")}</span> : null}
                </TableCell>
                <TableCell>
                  {isLabelledChannel(task.channel) ? (
                    <Badge tone={task.channel === "phone" ? "primary" : "neutral"}>
                      {task.channel === "phone" ? <Phone aria-hidden className="size-3" /> : null}
                      {t(`channels.${task.channel}`)}
                    </Badge>
                  ) : null}
                </TableCell>
                <TableCell className="text-right">
                  {canRecord ? (
                    <Button asChild size="sm">
                      <Link href={`/h/${slug}/followups/tasks/${task.id}`} aria-label={t("table.recordAria", { patient: task.patient.nameMasked })}>
                        {t("table.record")}
                      </Link>
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableFrame>
  );
}
