"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { errorMessage, serverFieldErrors } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import type { TManualEntryResult, TManualIndicator } from "@/server/shared/dto/measurement";
import { indicatorName } from "./trends/indicator-name";

/** What can be entered together: a BP reading is SBP + DBP (+ pulse) in one go. */
const PRESETS = [
  { key: "bp", codes: ["SBP", "DBP", "HR"] },
  { key: "weight", codes: ["WEIGHT", "WAIST"] },
  { key: "glucose", codes: ["FPG"] },
  { key: "other", codes: [] },
] as const;
type PresetKey = (typeof PRESETS)[number]["key"];

/** Local wall-clock "now" for a datetime-local input, in the tenant's time zone. */
function nowLocalInput(timeZone: string): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(new Date()).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** A datetime-local value read in the tenant's time zone → the UTC instant. */
function fromLocalInput(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  const offset = (at: number) => {
    const p = Object.fromEntries(new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" }).formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) - at;
  };
  return new Date(wall - offset(wall - offset(wall)));
}

export function ManualMeasurementDialog({ patientId, timeZone, onClose, onSaved }: { patientId: string; timeZone: string; onClose: () => void; onSaved: (r: TManualEntryResult) => void }) {
  const t = useTranslations("trends.manual");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const ids = useId();
  const catalogue = useQuery(trpc.measurement.indicators.queryOptions());
  const [preset, setPreset] = useState<PresetKey>("bp");
  const [other, setOther] = useState("");
  const [when, setWhen] = useState(() => nowLocalInput(timeZone));
  const [values, setValues] = useState<Record<string, { value: string; unit: string }>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  const byCode = useMemo(() => new Map((catalogue.data ?? []).map((i) => [i.code, i])), [catalogue.data]);
  const fields: TManualIndicator[] = useMemo(() => {
    const codes = preset === "other" ? (other ? [other] : []) : PRESETS.find((p) => p.key === preset)!.codes;
    return codes.map((c) => byCode.get(c)).filter((x): x is TManualIndicator => !!x);
  }, [preset, other, byCode]);

  const save = useMutation(
    trpc.measurement.record.mutationOptions({
      onSuccess: (r) => onSaved(r),
      onError: (e) => {
        const se = serverFieldErrors(e);
        const mapped: Record<string, string> = {};
        for (const [path, message] of Object.entries(se.fields)) {
          const m = /^values\.(\d+)\./.exec(path);
          const code = m ? fields.filter((f) => values[f.code]?.value.trim())[Number(m[1])]?.code : undefined;
          mapped[code ?? (path === "measuredAt" ? "measuredAt" : "form")] = message;
        }
        if (se.form) mapped.form = se.form;
        setErrors(mapped);
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: Record<string, string> = {};
    const measuredAt = fromLocalInput(when, timeZone);
    if (!measuredAt) next.measuredAt = t("whenInvalid");
    const filled = fields.filter((f) => values[f.code]?.value.trim());
    if (filled.length === 0) next.form = t("nothingEntered");
    for (const f of filled) if (!Number.isFinite(Number(values[f.code]!.value))) next[f.code] = t("notANumber");
    setErrors(next);
    if (Object.keys(next).length || !measuredAt) return;
    save.mutate({ patientId, measuredAt, values: filled.map((f) => ({ code: f.code, value: Number(values[f.code]!.value), unit: values[f.code]!.unit || f.unit })) });
  }

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent title={t("title")} description={t("description")} closeLabel={tc("close")} className="max-w-lg">
        {catalogue.isPending ? <Skeleton className="h-40" /> : null}
        {catalogue.isError ? <Alert tone="error">{errorMessage(catalogue.error)}</Alert> : null}
        {catalogue.data ? (
          <form onSubmit={submit} noValidate className="space-y-4">
            {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
            <div className="grid gap-3 sm:grid-cols-2">
              <Field id={`${ids}-preset`} label={t("what")}>
                <Select id={`${ids}-preset`} value={preset} onChange={(e) => setPreset(e.target.value as PresetKey)}>
                  {PRESETS.map((p) => (
                    <option key={p.key} value={p.key}>
                      {t(`presets.${p.key}`)}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field id={`${ids}-when`} label={t("when")} error={errors.measuredAt} required>
                <Input type="datetime-local" {...fieldA11y(`${ids}-when`, { error: errors.measuredAt, required: true })} value={when} max={nowLocalInput(timeZone)} onChange={(e) => setWhen(e.target.value)} />
              </Field>
            </div>
            {preset === "other" ? (
              <Field id={`${ids}-other`} label={t("indicator")}>
                <Select id={`${ids}-other`} value={other} onChange={(e) => setOther(e.target.value)}>
                  <option value="">{t("pickIndicator")}</option>
                  {catalogue.data.map((i) => (
                    <option key={i.code} value={i.code}>
                      {indicatorName(i, locale)} ({i.unit})
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
            <div className="space-y-3">
              {fields.map((f) => {
                const id = `${ids}-${f.code}`;
                const v = values[f.code] ?? { value: "", unit: f.unit };
                return (
                  <div key={f.code} className="grid grid-cols-[minmax(0,1fr)_7.5rem] items-start gap-2">
                    <Field id={id} label={indicatorName(f, locale)} error={errors[f.code]}>
                      <Input
                        {...fieldA11y(id, { error: errors[f.code] })}
                        inputMode="decimal"
                        autoComplete="off"
                        value={v.value}
                        onChange={(e) => setValues((s) => ({ ...s, [f.code]: { ...v, value: e.target.value } }))}
                      />
                    </Field>
                    <Field id={`${id}-unit`} label={t("unit")}>
                      <Select id={`${id}-unit`} value={v.unit} onChange={(e) => setValues((s) => ({ ...s, [f.code]: { ...v, unit: e.target.value } }))}>
                        {[f.unit, ...f.units.filter((u) => u !== f.unit)].map((u) => (
                          <option key={u} value={u}>
                            {u}
                          </option>
                        ))}
                      </Select>
                    </Field>
                  </div>
                );
              })}
            </div>
            <DialogFooter>
              <Button type="button" variant="secondary" onClick={onClose}>
                {tc("cancel")}
              </Button>
              <Button type="submit" disabled={save.isPending || fields.length === 0}>
                {t("save")}
              </Button>
            </DialogFooter>
          </form>
        ) : null}
      </DialogContent>
    </Dialog>
  );
}
