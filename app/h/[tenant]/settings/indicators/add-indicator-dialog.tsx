"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { serverFieldErrors } from "@/app/_components/server-errors";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import { RangeEditor } from "./range-editor";
import { EMPTY_RANGE, parseRanges, type RangeProblem, type RangeRow } from "./range-rows";

type ValueType = "numeric" | "ordinal" | "text";
interface Draft {
  code: string;
  loinc: string;
  nameZh: string;
  nameEn: string;
  category: string;
  unit: string;
  valueType: ValueType;
  decimals: string;
  plausibleMin: string;
  plausibleMax: string;
}
type FieldKey = keyof Draft;
type Errors = Partial<Record<FieldKey | "form" | "conversions", string>>;

const CODE = /^[A-Z0-9_]{1,32}$/;
const LOINC = /^\d{1,7}-\d$/;
const EMPTY: Draft = { code: "", loinc: "", nameZh: "", nameEn: "", category: "other", unit: "", valueType: "numeric", decimals: "1", plausibleMin: "", plausibleMax: "" };

function optionalNumber(s: string): number | null | "bad" {
  if (!s.trim()) return null;
  const n = Number(s.trim());
  return Number.isFinite(n) ? n : "bad";
}

/** 新增指标: code, names, unit, type, plausible limits, default ranges and unit conversions. */
export function AddIndicatorDialog({ categories, takenCodes, onClose }: { categories: string[]; takenCodes: Set<string>; onClose: () => void }) {
  const t = useTranslations("results.catalogue");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const id = useId();
  const [d, setD] = useState<Draft>(EMPTY);
  const [ranges, setRanges] = useState<RangeRow[]>([{ ...EMPTY_RANGE }]);
  const [conversions, setConversions] = useState<{ unit: string; factor: string; shift: string }[]>([]);
  const [problems, setProblems] = useState<Record<number, RangeProblem>>({});
  const [errors, setErrors] = useState<Errors>({});
  const create = useMutation(
    trpc.results.createIndicator.mutationOptions({
      onSuccess: async () => {
        toast.show({ tone: "success", message: t("createdNamed", { name: d.nameZh.trim(), code: d.code.trim() }) });
        await qc.invalidateQueries({ queryKey: trpc.results.catalogue.queryKey() });
        onClose();
      },
      onError: (e) => {
        const { fields, form } = serverFieldErrors(e, Object.keys(EMPTY));
        setErrors({ ...fields, form });
      },
    }),
  );
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));

  function validate(): Errors {
    const e: Errors = {};
    if (!CODE.test(d.code.trim())) e.code = t("errors.code");
    else if (takenCodes.has(d.code.trim())) e.code = t("errors.codeTaken");
    if (d.loinc.trim() && !LOINC.test(d.loinc.trim())) e.loinc = t("errors.loinc");
    if (!d.nameZh.trim()) e.nameZh = t("errors.required");
    if (!d.nameEn.trim()) e.nameEn = t("errors.required");
    if (d.unit.trim().length > 30) e.unit = t("errors.tooLong");
    const decimals = Number(d.decimals);
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 4) e.decimals = t("errors.decimals");
    const [min, max] = [optionalNumber(d.plausibleMin), optionalNumber(d.plausibleMax)];
    if (min === "bad") e.plausibleMin = t("errors.number");
    if (max === "bad") e.plausibleMax = t("errors.number");
    if (typeof min === "number" && typeof max === "number" && min >= max) e.plausibleMax = t("errors.plausible");
    if (conversions.some((c) => !c.unit.trim() || !Number.isFinite(Number(c.factor)) || Number(c.factor) === 0 || !c.factor.trim() || !Number.isFinite(Number(c.shift || "0")))) e.conversions = t("errors.conversion");
    return e;
  }

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const found = validate();
    const numeric = d.valueType === "numeric";
    const parsed = numeric ? parseRanges(ranges) : { values: [], problems: {} };
    setProblems(parsed.problems);
    if (Object.keys(parsed.problems).length) found.form = t("fixRows");
    setErrors(found);
    if (Object.keys(found).length) return;
    create.mutate({
      code: d.code.trim(),
      loinc: d.loinc.trim() || null,
      nameZh: d.nameZh.trim(),
      nameEn: d.nameEn.trim(),
      category: d.category,
      unit: d.unit.trim(),
      valueType: d.valueType,
      decimals: Number(d.decimals),
      plausibleMin: optionalNumber(d.plausibleMin) as number | null,
      plausibleMax: optionalNumber(d.plausibleMax) as number | null,
      normalValues: [],
      ranges: parsed.values,
      conversions: conversions.map((c) => ({ unit: c.unit.trim(), factor: Number(c.factor), shift: Number(c.shift || "0") })),
    });
  }

  const text = (key: FieldKey, opts: { required?: boolean; hint?: boolean; upper?: boolean; lang?: string } = {}) => (
    <Field id={`${id}-${key}`} label={t(key)} hint={opts.hint ? t(`hints.${key}` as "hints.code") : undefined} error={errors[key]} required={opts.required}>
      <Input
        {...fieldA11y(`${id}-${key}`, { hint: opts.hint, error: errors[key], required: opts.required })}
        value={d[key]}
        lang={opts.lang}
        autoComplete="off"
        onChange={(e) => set({ [key]: opts.upper ? e.target.value.toUpperCase() : e.target.value })}
      />
    </Field>
  );

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="max-w-3xl" title={t("add")} description={t("addHint")} closeLabel={tc("close")}>
        <form onSubmit={submit} noValidate className="space-y-4">
          {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
          <div className="grid gap-3 sm:grid-cols-2">
            {text("code", { required: true, hint: true, upper: true })}
            {text("loinc", { hint: true })}
            {text("nameZh", { required: true })}
            {text("nameEn", { required: true, lang: "en" })}
            <Field id={`${id}-category`} label={t("category")} required>
              <Select id={`${id}-category`} value={d.category} onChange={(e) => set({ category: e.target.value })}>
                {categories.map((c) => (
                  <option key={c} value={c}>
                    {t.has(`categories.${c}`) ? t(`categories.${c}` as "categories.other") : c}
                  </option>
                ))}
              </Select>
            </Field>
            {text("unit", { hint: true })}
            <Field id={`${id}-valueType`} label={t("valueType")} required>
              <Select id={`${id}-valueType`} value={d.valueType} onChange={(e) => set({ valueType: e.target.value as ValueType })}>
                <option value="numeric">{t("typeNumeric")}</option>
                <option value="ordinal">{t("typeOrdinal")}</option>
                <option value="text">{t("typeText")}</option>
              </Select>
            </Field>
            {text("decimals", { required: true })}
            {d.valueType === "numeric" ? (
              <>
                {text("plausibleMin", { hint: true })}
                {text("plausibleMax")}
              </>
            ) : null}
          </div>
          {d.valueType === "numeric" ? (
            <>
              <RangeEditor rows={ranges} onChange={setRanges} problems={problems} unit={d.unit.trim()} />
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium text-slate-900">{t("conversions")}</legend>
                <p className="text-xs text-slate-600">{t("conversionsHint", { unit: d.unit.trim() || "—" })}</p>
                {conversions.map((c, i) => (
                  <div key={i} className="grid grid-cols-[1fr_1fr_1fr_auto] items-end gap-2">
                    {(["unit", "factor", "shift"] as const).map((f) => (
                      <label key={f} className="space-y-1 text-xs text-slate-700">
                        <span>{t(`conversion.${f}`)}</span>
                        <Input value={c[f]} aria-label={`${t("conversionRow", { n: i + 1 })} ${t(`conversion.${f}`)}`} onChange={(e) => setConversions(conversions.map((x, j) => (j === i ? { ...x, [f]: e.target.value } : x)))} />
                      </label>
                    ))}
                    <Button type="button" variant="ghost" size="sm" aria-label={t("removeConversion", { n: i + 1 })} onClick={() => setConversions(conversions.filter((_, j) => j !== i))}>
                      <Trash2 aria-hidden className="size-4" />
                    </Button>
                  </div>
                ))}
                {errors.conversions ? <p className="text-xs text-red-700" role="alert">{errors.conversions}</p> : null}
                <Button type="button" variant="secondary" size="sm" onClick={() => setConversions([...conversions, { unit: "", factor: "", shift: "0" }])}>
                  <Plus aria-hidden className="size-4" />
                  {t("addConversion")}
                </Button>
              </fieldset>
            </>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? tc("saving") : t("add")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
