"use client";

import { AlarmClockOff, ArrowUpFromLine } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatDateTime } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import type { TAbnormalItemSummary } from "@/server/shared/dto/abnormal";
import { AbnormalClassBadge } from "./abnormal-class-badge";
import { ageParts, findingText } from "./finding-text";
import { OutcomeDialog } from "./outcome-dialog";

/**
 * Open items, oldest first: class (colour + icon + word), patient, findings, age, deadline
 * (overdue marked in words), responsible manager, escalation. A row's button opens the item.
 */
export function AbnormalItemsTable({
  items,
  slug,
  timeZone,
  canResolve,
  showPatient = true,
  onChanged,
}: {
  items: TAbnormalItemSummary[];
  slug: string;
  timeZone: string;
  canResolve: boolean;
  showPatient?: boolean;
  onChanged?: () => void;
}) {
  const t = useTranslations("abnormal");
  const locale = useLocale();
  const [open, setOpen] = useState<string | null>(null);
  const now = new Date();

  return (
    <>
      <TableFrame className="max-h-[70vh]">
        <Table>
          <caption className="sr-only">{t("table.caption")}</caption>
          <TableHead>
            <tr>
              <TableHeaderCell>{t("table.class")}</TableHeaderCell>
              {showPatient ? <TableHeaderCell>{t("table.patient")}</TableHeaderCell> : null}
              <TableHeaderCell>{t("table.findings")}</TableHeaderCell>
              <TableHeaderCell>{t("table.age")}</TableHeaderCell>
              <TableHeaderCell>{t("table.due")}</TableHeaderCell>
              <TableHeaderCell>{t("table.responsible")}</TableHeaderCell>
              <TableHeaderCell>
                <span className="sr-only">{t("table.actions")}</span>
              </TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {items.map((item) => {
              const age = ageParts(item.foundAt, now);
              return (
                <TableRow key={item.id} data-item-id={item.id} className={item.class === "A" ? "border-l-4 border-l-red-600" : "border-l-4 border-l-amber-500"}>
                  <TableCell>
                    <AbnormalClassBadge cls={item.class} />
                  </TableCell>
                  {showPatient ? (
                    <TableCell>
                      <Link href={`/h/${slug}/patients/${item.patientId}`} className="font-medium text-slate-900 hover:text-primary-700 hover:underline">
                        {item.patientNameMasked}
                      </Link>
                    </TableCell>
                  ) : null}
                  <TableCell className="max-w-[22rem]">
                    <ul className="space-y-0.5">
                      {item.findings.map((f) => (
                        <li key={f.observationId} className="tabular-nums">
                          {findingText(f, locale)}
                        </li>
                      ))}
                    </ul>
                  </TableCell>
                  <TableCell className="whitespace-nowrap tabular-nums" title={formatDateTime(item.foundAt, locale, timeZone)}>
                    {t(`age.${age.unit}`, { count: age.value })}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">
                    <span className="tabular-nums">{formatDateTime(item.dueAt, locale, timeZone)}</span>
                    {item.overdue ? (
                      <span className="ml-2 inline-flex items-center gap-1 font-semibold text-red-700">
                        <AlarmClockOff aria-hidden className="size-3.5" />
                        {t("overdue")}
                      </span>
                    ) : null}
                    {item.escalatedAt ? (
                      <span className="mt-0.5 flex items-center gap-1 text-xs text-slate-600">
                        <ArrowUpFromLine aria-hidden className="size-3" />
                        {t("table.escalatedTo", { name: item.escalatedTo?.name ?? t("dialog.noLead") })}
                      </span>
                    ) : null}
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{item.responsible?.name ?? t("table.unassigned")}</TableCell>
                  <TableCell className="text-right">
                    <Button size="sm" variant={canResolve ? "primary" : "secondary"} onClick={() => setOpen(item.id)} aria-label={t("table.openAria", { patient: item.patientNameMasked })}>
                      {canResolve && item.status === "open" ? t("table.record") : t("table.view")}
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableFrame>
      {open ? (
        <OutcomeDialog
          itemId={open}
          timeZone={timeZone}
          canResolve={canResolve}
          onClose={() => setOpen(null)}
          onClosed={() => {
            setOpen(null);
            onChanged?.();
          }}
        />
      ) : null}
    </>
  );
}
