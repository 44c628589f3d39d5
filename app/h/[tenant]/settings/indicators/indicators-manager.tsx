"use client";

import { useQuery } from "@tanstack/react-query";
import { FlaskConical, Pencil, Plus } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/client";
import { AddIndicatorDialog } from "./add-indicator-dialog";
import { EditRangesDialog, type IndicatorForRanges } from "./edit-ranges-dialog";
import type { RangeValue } from "./range-rows";

const BASE_CATEGORIES = ["vitals", "body", "glucose", "lipids", "liver", "kidney", "thyroid", "blood", "electrolytes", "urine", "tumour", "other"];

/** The tenant's indicator catalogue: filter, see the default ranges, edit them, add an indicator. */
export function IndicatorsManager({ canManage }: { canManage: boolean }) {
  const t = useTranslations("results.catalogue");
  const locale = useLocale();
  const trpc = useTRPC();
  const list = useQuery(trpc.results.catalogue.queryOptions());
  const [q, setQ] = useState("");
  const [category, setCategory] = useState("");
  const [editing, setEditing] = useState<IndicatorForRanges | null>(null);
  const [adding, setAdding] = useState(false);
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (list.data ?? []).filter((i) => (!category || i.category === category) && (!needle || [i.code, i.nameZh, i.nameEn, i.loinc ?? ""].some((s) => s.toLowerCase().includes(needle))));
  }, [list.data, q, category]);
  const categories = useMemo(() => [...new Set([...BASE_CATEGORIES, ...(list.data ?? []).map((i) => i.category)])], [list.data]);
  const categoryName = (c: string) => (t.has(`categories.${c}`) ? t(`categories.${c}` as "categories.other") : c);

  function rangeText(r: RangeValue, unit: string): string {
    const who = [r.sex === "male" ? t("sexMale") : r.sex === "female" ? t("sexFemale") : null, r.ageMin > 0 || r.ageMax !== null ? t("ageBand", { from: r.ageMin, to: r.ageMax ?? "∞" }) : null].filter(Boolean).join(" ");
    const band = r.low !== null && r.high !== null ? `${r.low}–${r.high}` : r.low !== null ? `≥${r.low}` : r.high !== null ? `≤${r.high}` : "";
    const critical = [r.criticalLow !== null ? `≤${r.criticalLow}` : null, r.criticalHigh !== null ? `≥${r.criticalHigh}` : null].filter(Boolean).join(" / ");
    return [who ? `${who}：` : "", band, band && unit ? ` ${unit}` : "", critical ? `（${t("criticalShort")} ${critical}）` : ""].join("");
  }

  return (
    <section aria-labelledby="indicators-title" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="indicators-title" className="text-base font-semibold text-slate-900">
            {t("listTitle")}
          </h2>
          <p className="text-sm text-slate-600">{t("hint")}</p>
        </div>
        {canManage ? (
          <Button onClick={() => setAdding(true)}>
            <Plus aria-hidden className="size-4" />
            {t("add")}
          </Button>
        ) : null}
      </div>
      {!canManage ? <Alert tone="info">{t("readOnly")}</Alert> : null}
      <div className="flex flex-wrap gap-3">
        <div className="w-64 space-y-1">
          <Label htmlFor="indicator-search">{t("search")}</Label>
          <Input id="indicator-search" type="search" value={q} placeholder={t("searchPlaceholder")} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="w-48 space-y-1">
          <Label htmlFor="indicator-category">{t("category")}</Label>
          <Select id="indicator-category" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t("allCategories")}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {categoryName(c)}
              </option>
            ))}
          </Select>
        </div>
        {list.data ? <p className="self-end pb-2 text-sm text-slate-600">{t("count", { shown: rows.length, total: list.data.length })}</p> : null}
      </div>
      {list.isPending ? (
        <div className="space-y-2" aria-busy="true">
          <span className="sr-only">{t("title")}</span>
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
      ) : list.isError ? (
        <Alert tone="error">{t("loadFailed")}</Alert>
      ) : rows.length === 0 ? (
        <EmptyState icon={FlaskConical} title={t("title")} description={t("noMatch")} />
      ) : (
        <TableFrame className="max-h-[70vh]">
          <Table>
            <TableHead>
              <tr>
                <TableHeaderCell>{t("code")}</TableHeaderCell>
                <TableHeaderCell>{t("name")}</TableHeaderCell>
                <TableHeaderCell className="hidden md:table-cell">{t("category")}</TableHeaderCell>
                <TableHeaderCell>{t("unit")}</TableHeaderCell>
                <TableHeaderCell>{t("ranges")}</TableHeaderCell>
                {canManage ? (
                  <TableHeaderCell className="text-right">
                    <span className="sr-only">{t("editRanges")}</span>
                  </TableHeaderCell>
                ) : null}
              </tr>
            </TableHead>
            <TableBody>
              {rows.map((i) => {
                const name = locale === "en" ? i.nameEn : i.nameZh;
                return (
                  <TableRow key={i.id} data-code={i.code}>
                    <TableCell className="font-mono text-xs">
                      {i.code}
                      {i.loinc ? <span className="block text-slate-500">LOINC {i.loinc}</span> : null}
                    </TableCell>
                    <TableCell className="font-medium">
                      {name}
                      {!i.active ? <Badge className="ml-2">{t("inactive")}</Badge> : null}
                    </TableCell>
                    <TableCell className="hidden text-slate-600 md:table-cell">{categoryName(i.category)}</TableCell>
                    <TableCell className="text-slate-700">{i.unit || "—"}</TableCell>
                    <TableCell className="text-sm text-slate-700">
                      {i.valueType !== "numeric" ? (
                        <span className="text-slate-500">{i.normalValues.length ? t("normalValues", { values: i.normalValues.join(" / ") }) : t("noRanges")}</span>
                      ) : i.ranges.length === 0 ? (
                        <span className="text-slate-500">{t("noRanges")}</span>
                      ) : (
                        <ul className="space-y-0.5">
                          {i.ranges.map((r, k) => (
                            <li key={k} className="tabular-nums">
                              {rangeText(r, i.unit)}
                            </li>
                          ))}
                        </ul>
                      )}
                    </TableCell>
                    {canManage ? (
                      <TableCell className="text-right">
                        {i.valueType === "numeric" ? (
                          <Button variant="ghost" size="sm" onClick={() => setEditing(i)} aria-label={t("editRangesOf", { name, code: i.code })}>
                            <Pencil aria-hidden className="size-4" />
                            <span className="hidden sm:inline">{t("editRanges")}</span>
                          </Button>
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableFrame>
      )}
      {editing ? <EditRangesDialog indicator={editing} onClose={() => setEditing(null)} /> : null}
      {adding ? <AddIndicatorDialog categories={categories} takenCodes={new Set((list.data ?? []).map((i) => i.code))} onClose={() => setAdding(false)} /> : null}
    </section>
  );
}
