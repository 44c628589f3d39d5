"use client";

import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { EMPTY_RANGE, type RangeProblem, type RangeRow } from "./range-rows";

const NUMBER_FIELDS = ["ageMin", "ageMax", "low", "high", "criticalLow", "criticalHigh"] as const;

/** Rows of default reference ranges by sex and age band; problems are shown under their row. */
export function RangeEditor({ rows, onChange, problems, unit }: { rows: RangeRow[]; onChange: (rows: RangeRow[]) => void; problems: Record<number, RangeProblem>; unit: string }) {
  const t = useTranslations("results.catalogue");
  const id = useId();
  const set = (i: number, patch: Partial<RangeRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-900">
        {t("ranges")}
        {unit ? <span className="ml-1 font-normal text-slate-600">（{unit}）</span> : null}
      </legend>
      <p className="text-xs text-slate-600">{t("rangesHint")}</p>
      {rows.length === 0 ? <p className="text-sm text-slate-600">{t("noRanges")}</p> : null}
      <ol className="space-y-2">
        {rows.map((row, i) => {
          const rowLabel = t("rangeRow", { n: i + 1 });
          const problemId = `${id}-${i}-problem`;
          return (
            <li key={i} className="rounded-md border border-slate-200 p-2" aria-label={rowLabel}>
              <div className="grid grid-cols-2 gap-2 sm:grid-cols-7">
                <label className="space-y-1 text-xs text-slate-700">
                  <span>{t("sex")}</span>
                  <Select value={row.sex} onChange={(e) => set(i, { sex: e.target.value as RangeRow["sex"] })} aria-label={`${rowLabel} ${t("sex")}`}>
                    <option value="any">{t("sexAny")}</option>
                    <option value="male">{t("sexMale")}</option>
                    <option value="female">{t("sexFemale")}</option>
                  </Select>
                </label>
                {NUMBER_FIELDS.map((f) => (
                  <label key={f} className="space-y-1 text-xs text-slate-700">
                    <span>{t(f)}</span>
                    <Input
                      inputMode="decimal"
                      value={row[f]}
                      aria-label={`${rowLabel} ${t(f)}`}
                      aria-invalid={problems[i] ? true : undefined}
                      aria-describedby={problems[i] ? problemId : undefined}
                      onChange={(e) => set(i, { [f]: e.target.value })}
                    />
                  </label>
                ))}
              </div>
              <div className="mt-1 flex items-center justify-between gap-2">
                {problems[i] ? (
                  <p id={problemId} className="text-xs text-red-700" role="alert">
                    {t(`problems.${problems[i]}`)}
                  </p>
                ) : (
                  <span />
                )}
                <Button type="button" variant="ghost" size="sm" onClick={() => onChange(rows.filter((_, j) => j !== i))} aria-label={t("removeRow", { n: i + 1 })}>
                  <Trash2 aria-hidden className="size-4" />
                  {t("remove")}
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      <Button type="button" variant="secondary" size="sm" onClick={() => onChange([...rows, { ...EMPTY_RANGE }])}>
        <Plus aria-hidden className="size-4" />
        {t("addRange")}
      </Button>
    </fieldset>
  );
}
