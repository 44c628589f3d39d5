"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ClipboardPlus, History, Pencil, Plus, Trash2 } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent, type ReactNode } from "react";
import { formatDateTime } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Dialog, DialogContent } from "@/app/_components/ui/dialog";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import type { THealthRecordData } from "@/server/shared/dto/patient-record";
import { serverFieldErrors } from "@/app/_components/server-errors";
import { formatIsoDate } from "../_components/format-iso-date";

type Data = THealthRecordData;
type ListKey = "pastHistory" | "allergies" | "medications" | "familyHistory" | "surgeries";
type Row = Record<string, string>;
interface Col {
  key: string;
  type: "text" | "date" | "select";
  options?: readonly string[];
  required?: boolean;
  max?: number;
}
const LISTS: Record<ListKey, Col[]> = {
  pastHistory: [
    { key: "condition", type: "text", required: true, max: 100 },
    { key: "since", type: "date" },
    { key: "note", type: "text", max: 500 },
  ],
  allergies: [
    { key: "substance", type: "text", required: true, max: 100 },
    { key: "reaction", type: "text", max: 200 },
    { key: "severity", type: "select", options: ["mild", "moderate", "severe"] },
  ],
  medications: [
    { key: "name", type: "text", required: true, max: 100 },
    { key: "dose", type: "text", max: 50 },
    { key: "frequency", type: "text", max: 50 },
    { key: "since", type: "date" },
  ],
  familyHistory: [
    { key: "relation", type: "select", options: ["father", "mother", "sibling", "child", "grandparent", "other"], required: true },
    { key: "condition", type: "text", required: true, max: 100 },
  ],
  surgeries: [
    { key: "name", type: "text", required: true, max: 100 },
    { key: "date", type: "date" },
    { key: "hospital", type: "text", max: 100 },
  ],
};
const LIST_KEYS = Object.keys(LISTS) as ListKey[];

interface Draft {
  lists: Record<ListKey, Row[]>;
  lifestyle: Row;
  occupation: string;
  maritalStatus: string;
  fertility: Row;
  notes: string;
}

function toDraft(d: Data): Draft {
  const str = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === undefined || v === null ? "" : String(v)]));
  return {
    lists: Object.fromEntries(LIST_KEYS.map((k) => [k, (d[k] as object[]).map(str)])) as Record<ListKey, Row[]>,
    lifestyle: str(d.lifestyle ?? {}),
    occupation: d.occupation ?? "",
    maritalStatus: d.maritalStatus ?? "",
    fertility: str(d.fertility ?? {}),
    notes: d.notes ?? "",
  };
}

function fromDraft(dr: Draft, female: boolean): Data {
  const clean = (row: Row, cols: Col[]) => Object.fromEntries(cols.map((c) => [c.key, row[c.key]?.trim() || undefined]).filter(([, v]) => v !== undefined));
  const num = (v: string | undefined) => (v && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : undefined);
  const lists = Object.fromEntries(
    LIST_KEYS.map((k) => [k, dr.lists[k].map((r) => clean(r, LISTS[k])).filter((r) => Object.keys(r).length > 0)]),
  ) as unknown as Pick<Data, ListKey>;
  const ls = dr.lifestyle;
  const fert = { pregnancies: num(dr.fertility.pregnancies), births: num(dr.fertility.births), menarcheAge: num(dr.fertility.menarcheAge), menopauseAge: num(dr.fertility.menopauseAge) };
  const hasFert = Object.values(fert).some((v) => v !== undefined);
  return {
    ...lists,
    lifestyle: {
      smoking: (ls.smoking || undefined) as Data["lifestyle"]["smoking"],
      cigarettesPerDay: ls.smoking === "current" ? num(ls.cigarettesPerDay) : undefined,
      drinking: (ls.drinking || undefined) as Data["lifestyle"]["drinking"],
      diet: ls.diet?.trim() || undefined,
      exerciseMinutesPerWeek: num(ls.exerciseMinutesPerWeek),
      sleepHoursPerNight: num(ls.sleepHoursPerNight),
    },
    occupation: dr.occupation.trim() || undefined,
    maritalStatus: (dr.maritalStatus || undefined) as Data["maritalStatus"],
    fertility: female && hasFert ? fert : undefined,
    notes: dr.notes.trim() || undefined,
  };
}

function isEmpty(d: Data): boolean {
  return LIST_KEYS.every((k) => d[k].length === 0) && Object.values(d.lifestyle ?? {}).every((v) => v === undefined) && !d.occupation && !d.maritalStatus && !d.fertility && !d.notes;
}

/** One-line text of a section, used for the read view and for "before → after" in history. */
function useSummaries() {
  const tr = useTranslations("patients.ui.record");
  const locale = useLocale();
  const date = (s?: string) => (s ? formatIsoDate(s, locale) : "");
  const join = (parts: (string | undefined | false)[]) => parts.filter(Boolean).join(" · ");
  const items = (k: ListKey, d: Data): string[] => {
    switch (k) {
      case "pastHistory":
        return d.pastHistory.map((x) => join([x.condition, x.since && tr("since", { date: date(x.since) }), x.note]));
      case "allergies":
        return d.allergies.map((x) => join([x.substance, x.reaction, x.severity && tr(`options.${x.severity}`)]));
      case "medications":
        return d.medications.map((x) => join([x.name, x.dose, x.frequency, x.since && tr("since", { date: date(x.since) })]));
      case "familyHistory":
        return d.familyHistory.map((x) => join([tr(`options.${x.relation}`), x.condition]));
      case "surgeries":
        return d.surgeries.map((x) => join([x.name, date(x.date), x.hospital]));
    }
  };
  const lifestyle = (d: Data): string[] => {
    const l = d.lifestyle ?? {};
    return [
      l.smoking && tr("labelValue", { label: tr("fields.smoking"), value: tr(`options.${l.smoking}`) + (l.cigarettesPerDay !== undefined ? ` (${tr("units.cigarettes", { n: l.cigarettesPerDay })})` : "") }),
      l.drinking && tr("labelValue", { label: tr("fields.drinking"), value: tr(`options.${l.drinking}`) }),
      l.diet && tr("labelValue", { label: tr("fields.diet"), value: l.diet }),
      l.exerciseMinutesPerWeek !== undefined && tr("labelValue", { label: tr("fields.exerciseMinutesPerWeek"), value: tr("units.minutesWeek", { n: l.exerciseMinutesPerWeek }) }),
      l.sleepHoursPerNight !== undefined && tr("labelValue", { label: tr("fields.sleepHoursPerNight"), value: tr("units.hoursNight", { n: l.sleepHoursPerNight }) }),
    ].filter((x): x is string => !!x);
  };
  const fertility = (d: Data): string[] => {
    const f = d.fertility;
    if (!f) return [];
    return (["pregnancies", "births", "menarcheAge", "menopauseAge"] as const).filter((k) => f[k] !== undefined).map((k) => tr("labelValue", { label: tr(`fields.${k}`), value: tr(k.endsWith("Age") ? "units.age" : "units.times", { n: f[k]! }) }));
  };
  const section = (field: string, d: Data): string[] => {
    if ((LIST_KEYS as string[]).includes(field)) return items(field as ListKey, d);
    if (field === "lifestyle") return lifestyle(d);
    if (field === "fertility") return fertility(d);
    if (field === "maritalStatus") return d.maritalStatus ? [tr(`options.${d.maritalStatus}`)] : [];
    if (field === "occupation") return d.occupation ? [d.occupation] : [];
    if (field === "notes") return d.notes ? [d.notes] : [];
    return [];
  };
  return { section };
}

export function HealthRecord({
  patientId,
  sex,
  timeZone,
  canEdit,
  editing,
  setEditing,
  onSaved,
}: {
  patientId: string;
  sex: "male" | "female" | "unknown";
  timeZone: string;
  canEdit: boolean;
  editing: boolean;
  setEditing: (v: boolean) => void;
  onSaved: () => void;
}) {
  const tr = useTranslations("patients.ui.record");
  const locale = useLocale();
  const trpc = useTRPC();
  const record = useQuery(trpc.record.get.queryOptions({ patientId }));
  const [showHistory, setShowHistory] = useState(false);
  const { section } = useSummaries();
  const female = sex === "female";
  const order = [...LIST_KEYS, "lifestyle", "occupation", "maritalStatus", ...(female ? ["fertility"] : []), "notes"];

  return (
    <Card id="health-record" className="scroll-mt-4">
      <CardHeader className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <CardTitle>{tr("title")}</CardTitle>
          {record.data && record.data.version > 0 ? (
            <p className="mt-0.5 text-xs text-slate-600">
              {tr("versionLine", { n: record.data.version, who: record.data.updatedBy?.name ?? "—", when: record.data.updatedAt ? formatDateTime(record.data.updatedAt, locale, timeZone) : "" })}
            </p>
          ) : null}
        </div>
        {!editing ? (
          <div className="flex gap-2">
            {record.data && record.data.version > 0 ? (
              <Button variant="ghost" size="sm" onClick={() => setShowHistory(true)}>
                <History aria-hidden className="size-4" />
                {tr("history")}
              </Button>
            ) : null}
            {canEdit && record.data ? (
              <Button variant="secondary" size="sm" onClick={() => setEditing(true)}>
                <Pencil aria-hidden className="size-4" />
                {tr("edit")}
              </Button>
            ) : null}
          </div>
        ) : null}
      </CardHeader>
      <CardContent>
        {record.isPending ? (
          <div className="space-y-3" aria-busy="true">
            {[0, 1, 2, 3, 4].map((i) => (
              <Skeleton key={i} className="h-8 w-full" />
            ))}
          </div>
        ) : record.isError ? (
          <Alert tone="error">{tr("loadFailed")}</Alert>
        ) : editing ? (
          <RecordForm
            key={record.data.version}
            patientId={patientId}
            female={female}
            version={record.data.version}
            initial={record.data.data}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              onSaved();
            }}
          />
        ) : isEmpty(record.data.data) ? (
          <EmptyState icon={ClipboardPlus} title={tr("emptyTitle")} description={canEdit ? tr("emptyWrite") : tr("emptyRead")} className="border-0 py-6">
            {canEdit ? (
              <Button onClick={() => setEditing(true)}>
                <Pencil aria-hidden className="size-4" />
                {tr("start")}
              </Button>
            ) : null}
          </EmptyState>
        ) : (
          <dl className="grid gap-x-6 gap-y-4 md:grid-cols-2">
            {order.map((field) => {
              const lines = section(field, record.data.data);
              return (
                <div key={field} className={field === "notes" ? "md:col-span-2" : ""}>
                  <dt className="text-xs font-semibold tracking-wide text-slate-600">{tr(`sections.${field}`)}</dt>
                  <dd className="mt-1 text-sm text-slate-900">
                    {lines.length === 0 ? (
                      <span className="text-slate-500">{field === "allergies" ? tr("noAllergiesRecorded") : tr("none")}</span>
                    ) : (
                      <ul className="space-y-0.5">
                        {lines.map((l, i) => (
                          <li key={i} className={field === "allergies" ? "font-medium text-red-800" : ""}>
                            {field === "allergies" ? <span aria-hidden>⚠ </span> : null}
                            {l}
                          </li>
                        ))}
                      </ul>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        )}
      </CardContent>
      {showHistory ? <RecordHistory patientId={patientId} timeZone={timeZone} onClose={() => setShowHistory(false)} /> : null}
    </Card>
  );
}

function RecordForm({ patientId, female, version, initial, onCancel, onSaved }: { patientId: string; female: boolean; version: number; initial: Data; onCancel: () => void; onSaved: () => void }) {
  const tr = useTranslations("patients.ui.record");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const save = useMutation(
    trpc.record.update.mutationOptions({
      onSuccess: async (out) => {
        toast.show({ tone: "success", message: out.changedFields.length ? tr("saved", { n: out.version }) : tr("savedNoChange") });
        await queryClient.invalidateQueries({ queryKey: trpc.record.get.queryKey({ patientId }) });
        await queryClient.invalidateQueries({ queryKey: trpc.record.history.queryKey({ patientId }) });
        onSaved();
      },
      onError: (e) => {
        const { fields, form } = serverFieldErrors(e);
        setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^data\./, ""), v])));
        const code = (e as { data?: { code?: string } }).data?.code;
        setFormError(code === "CONFLICT" ? tr("conflict") : (form ?? (Object.keys(fields).length ? tr("fixErrors") : undefined)));
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: Record<string, string> = {};
    for (const k of LIST_KEYS)
      draft.lists[k].forEach((row, i) => {
        const any = Object.values(row).some((v) => v.trim());
        if (any) for (const c of LISTS[k]) if (c.required && !row[c.key]?.trim()) found[`${k}.${i}.${c.key}`] = tr("required");
      });
    setErrors(found);
    if (Object.keys(found).length) {
      setFormError(tr("fixErrors"));
      return;
    }
    setFormError(undefined);
    save.mutate({ patientId, expectedVersion: version, data: fromDraft(draft, female) });
  }

  const setList = (k: ListKey, rows: Row[]) => setDraft((d) => ({ ...d, lists: { ...d.lists, [k]: rows } }));
  const setLs = (key: string, v: string) => setDraft((d) => ({ ...d, lifestyle: { ...d.lifestyle, [key]: v } }));
  const setF = (key: string, v: string) => setDraft((d) => ({ ...d, fertility: { ...d.fertility, [key]: v } }));

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-label={tr("editTitle")}>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {LIST_KEYS.map((k) => (
        <fieldset key={k}>
          <legend className="mb-2 text-sm font-semibold text-slate-900">{tr(`sections.${k}`)}</legend>
          {draft.lists[k].length === 0 ? <p className="mb-2 text-sm text-slate-600">{tr(k === "allergies" ? "noAllergiesRecorded" : "none")}</p> : null}
          <ul className="space-y-3">
            {draft.lists[k].map((row, i) => (
              <li key={i} className="grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-[repeat(auto-fit,minmax(9rem,1fr))_auto] sm:items-end">
                {LISTS[k].map((c) => {
                  const fid = `${id}-${k}-${i}-${c.key}`;
                  const err = errors[`${k}.${i}.${c.key}`];
                  const onChange = (v: string) => setList(k, draft.lists[k].map((r, j) => (j === i ? { ...r, [c.key]: v } : r)));
                  return (
                    <div key={c.key} className="min-w-0">
                      <label htmlFor={fid} className="text-xs text-slate-600">
                        {tr(`fields.${c.key}`)}
                        {c.required ? <span aria-hidden className="text-red-700"> *</span> : null}
                      </label>
                      {c.type === "select" ? (
                        <Select id={fid} value={row[c.key] ?? ""} aria-invalid={err ? true : undefined} aria-required={c.required || undefined} aria-describedby={err ? `${fid}-e` : undefined} onChange={(e) => onChange(e.target.value)}>
                          <option value="">{tr("choose")}</option>
                          {c.options!.map((o) => (
                            <option key={o} value={o}>
                              {tr(`options.${o}`)}
                            </option>
                          ))}
                        </Select>
                      ) : (
                        <Input
                          id={fid}
                          type={c.type === "date" ? "date" : "text"}
                          max={c.type === "date" ? new Date().toISOString().slice(0, 10) : undefined}
                          maxLength={c.max}
                          value={row[c.key] ?? ""}
                          aria-invalid={err ? true : undefined}
                          aria-required={c.required || undefined}
                          aria-describedby={err ? `${fid}-e` : undefined}
                          onChange={(e) => onChange(e.target.value)}
                        />
                      )}
                      {err ? (
                        <p id={`${fid}-e`} className="mt-1 text-xs font-medium text-red-700">
                          {err}
                        </p>
                      ) : null}
                    </div>
                  );
                })}
                <Button type="button" variant="ghost" aria-label={tr("removeRow", { section: tr(`sections.${k}`), n: i + 1 })} onClick={() => setList(k, draft.lists[k].filter((_, j) => j !== i))}>
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              </li>
            ))}
          </ul>
          <Button type="button" variant="secondary" size="sm" className="mt-2" onClick={() => setList(k, [...draft.lists[k], {}])}>
            <Plus aria-hidden className="size-4" />
            {tr("addRow", { section: tr(`sections.${k}`) })}
          </Button>
        </fieldset>
      ))}

      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-slate-900">{tr("sections.lifestyle")}</legend>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          <Labelled id={`${id}-smoking`} label={tr("fields.smoking")}>
            <Select id={`${id}-smoking`} value={draft.lifestyle.smoking ?? ""} onChange={(e) => setLs("smoking", e.target.value)}>
              <option value="">{tr("choose")}</option>
              {["never", "former", "current"].map((o) => (
                <option key={o} value={o}>
                  {tr(`options.${o}`)}
                </option>
              ))}
            </Select>
          </Labelled>
          {draft.lifestyle.smoking === "current" ? (
            <NumberField id={`${id}-cig`} label={tr("fields.cigarettesPerDay")} unit={tr("units.perDay")} value={draft.lifestyle.cigarettesPerDay} min={0} max={200} onChange={(v) => setLs("cigarettesPerDay", v)} error={errors["lifestyle.cigarettesPerDay"]} />
          ) : null}
          <Labelled id={`${id}-drinking`} label={tr("fields.drinking")}>
            <Select id={`${id}-drinking`} value={draft.lifestyle.drinking ?? ""} onChange={(e) => setLs("drinking", e.target.value)}>
              <option value="">{tr("choose")}</option>
              {["never", "occasional", "regular"].map((o) => (
                <option key={o} value={o}>
                  {tr(`options.${o}`)}
                </option>
              ))}
            </Select>
          </Labelled>
          <NumberField id={`${id}-ex`} label={tr("fields.exerciseMinutesPerWeek")} unit={tr("units.minPerWeek")} value={draft.lifestyle.exerciseMinutesPerWeek} min={0} max={10000} onChange={(v) => setLs("exerciseMinutesPerWeek", v)} error={errors["lifestyle.exerciseMinutesPerWeek"]} />
          <NumberField id={`${id}-sleep`} label={tr("fields.sleepHoursPerNight")} unit={tr("units.hPerNight")} value={draft.lifestyle.sleepHoursPerNight} min={0} max={24} step={0.5} onChange={(v) => setLs("sleepHoursPerNight", v)} error={errors["lifestyle.sleepHoursPerNight"]} />
          <div className="sm:col-span-2 lg:col-span-3">
            <Labelled id={`${id}-diet`} label={tr("fields.diet")}>
              <Input id={`${id}-diet`} value={draft.lifestyle.diet ?? ""} maxLength={300} onChange={(e) => setLs("diet", e.target.value)} />
            </Labelled>
          </div>
        </div>
      </fieldset>

      <div className="grid gap-3 sm:grid-cols-2">
        <Labelled id={`${id}-occ`} label={tr("sections.occupation")} error={errors.occupation}>
          <Input id={`${id}-occ`} value={draft.occupation} maxLength={100} onChange={(e) => setDraft((d) => ({ ...d, occupation: e.target.value }))} />
        </Labelled>
        <Labelled id={`${id}-mar`} label={tr("sections.maritalStatus")}>
          <Select id={`${id}-mar`} value={draft.maritalStatus} onChange={(e) => setDraft((d) => ({ ...d, maritalStatus: e.target.value }))}>
            <option value="">{tr("choose")}</option>
            {["single", "married", "divorced", "widowed"].map((o) => (
              <option key={o} value={o}>
                {tr(`options.${o}`)}
              </option>
            ))}
          </Select>
        </Labelled>
      </div>

      {female ? (
        <fieldset>
          <legend className="mb-2 text-sm font-semibold text-slate-900">{tr("sections.fertility")}</legend>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <NumberField id={`${id}-preg`} label={tr("fields.pregnancies")} unit={tr("units.timesUnit")} value={draft.fertility.pregnancies} min={0} max={30} onChange={(v) => setF("pregnancies", v)} error={errors["fertility.pregnancies"]} />
            <NumberField id={`${id}-births`} label={tr("fields.births")} unit={tr("units.timesUnit")} value={draft.fertility.births} min={0} max={30} onChange={(v) => setF("births", v)} error={errors["fertility.births"]} />
            <NumberField id={`${id}-men`} label={tr("fields.menarcheAge")} unit={tr("units.years")} value={draft.fertility.menarcheAge} min={5} max={25} onChange={(v) => setF("menarcheAge", v)} error={errors["fertility.menarcheAge"]} />
            <NumberField id={`${id}-meno`} label={tr("fields.menopauseAge")} unit={tr("units.years")} value={draft.fertility.menopauseAge} min={30} max={70} onChange={(v) => setF("menopauseAge", v)} error={errors["fertility.menopauseAge"]} />
          </div>
        </fieldset>
      ) : null}

      <Labelled id={`${id}-notes`} label={tr("sections.notes")} error={errors.notes}>
        <textarea
          id={`${id}-notes`}
          value={draft.notes}
          maxLength={4000}
          rows={3}
          onChange={(e) => setDraft((d) => ({ ...d, notes: e.target.value }))}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 focus:border-primary-600 focus:ring-2 focus:ring-primary-200 focus:outline-none"
        />
      </Labelled>

      <div className="sticky bottom-0 -mx-5 flex flex-col-reverse gap-2 border-t border-slate-100 bg-white/95 px-5 py-3 backdrop-blur sm:flex-row sm:justify-end">
        <Button type="button" variant="secondary" onClick={onCancel}>
          {tc("cancel")}
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? tc("saving") : tr("saveVersion")}
        </Button>
      </div>
    </form>
  );
}

function Labelled({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className="min-w-0 space-y-1">
      <label htmlFor={id} className="block text-xs text-slate-600">
        {label}
      </label>
      {children}
      {error ? <p className="text-xs font-medium text-red-700">{error}</p> : null}
    </div>
  );
}

function NumberField({ id, label, unit, value, min, max, step, onChange, error }: { id: string; label: string; unit: string; value?: string; min: number; max: number; step?: number; onChange: (v: string) => void; error?: string }) {
  return (
    <Labelled id={id} label={label} error={error}>
      <div className="relative">
        <Input id={id} type="number" inputMode="decimal" min={min} max={max} step={step ?? 1} value={value ?? ""} onChange={(e) => onChange(e.target.value)} className="pr-20 tabular-nums" aria-describedby={`${id}-unit`} />
        <span id={`${id}-unit`} className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-xs text-slate-600">
          {unit}
        </span>
      </div>
    </Labelled>
  );
}

function RecordHistory({ patientId, timeZone, onClose }: { patientId: string; timeZone: string; onClose: () => void }) {
  const tr = useTranslations("patients.ui.record");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const history = useQuery(trpc.record.history.queryOptions({ patientId }));
  const { section } = useSummaries();
  const versions = [...(history.data ?? [])].sort((a, b) => b.version - a.version);
  const byVersion = new Map(versions.map((v) => [v.version, v]));

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={tr("historyTitle")} description={tr("historyHint")} closeLabel={tc("close")} className="max-w-2xl">
        {history.isPending ? (
          <div className="space-y-2" aria-busy="true">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-16 w-full" />
            ))}
          </div>
        ) : history.isError ? (
          <Alert tone="error">{tr("loadFailed")}</Alert>
        ) : (
          <ol className="space-y-3">
            {versions.map((v) => {
              const prev = byVersion.get(v.version - 1);
              return (
                <li key={v.version} className="rounded-md border border-slate-200 p-3" data-testid="record-version">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <p className="font-medium text-slate-900">{tr("versionN", { n: v.version })}</p>
                    <p className="text-xs text-slate-600">
                      {formatDateTime(v.changedAt, locale, timeZone)} · {v.changedBy?.name ?? "—"}
                    </p>
                  </div>
                  {v.changedFields.length === 0 ? (
                    <p className="mt-1 text-sm text-slate-600">{tr("noChanges")}</p>
                  ) : (
                    <dl className="mt-2 space-y-2">
                      {v.changedFields.map((f) => {
                        const before = prev ? section(f, prev.data) : [];
                        const after = section(f, v.data);
                        return (
                          <div key={f} className="text-sm">
                            <dt className="text-xs font-semibold text-slate-600">{tr.has(`sections.${f}`) ? tr(`sections.${f}` as "sections.notes") : f}</dt>
                            <dd className="mt-0.5 grid gap-1 sm:grid-cols-2">
                              <div className="rounded bg-red-50 px-2 py-1 text-red-900">
                                <span className="sr-only">{tr("before")}: </span>
                                <span aria-hidden>− </span>
                                {before.length ? before.join(tr("sep")) : tr("none")}
                              </div>
                              <div className="rounded bg-green-50 px-2 py-1 text-green-900">
                                <span className="sr-only">{tr("after")}: </span>
                                <span aria-hidden>+ </span>
                                {after.length ? after.join(tr("sep")) : tr("none")}
                              </div>
                            </dd>
                          </div>
                        );
                      })}
                    </dl>
                  )}
                </li>
              );
            })}
          </ol>
        )}
      </DialogContent>
    </Dialog>
  );
}
