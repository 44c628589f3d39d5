"use client";

import { useMutation } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormRenderer } from "@/app/_components/forms/form-renderer";
import { ScoreBadges } from "@/app/_components/forms/score-badges";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import type { TAnswers } from "@/server/shared/forms/answers";
import { ENABLE_OPERATORS, ITEM_TYPES, MEASUREMENT_KINDS, SEVERITIES, type ItemType, type TFormDocument, type TItem, type TScore } from "@/server/shared/forms/document";
import { computeScores } from "@/server/shared/forms/scoring";

type Initial = { id: string; code: string; kind: "questionnaire" | "consultation"; builtin: boolean; draft: TFormDocument; currentVersion: number | null; versions: { version: number; publishedAt: Date }[] } | null;

const blankText = () => ({ "zh-CN": "", en: "" });
const EMPTY: TFormDocument = { title: { "zh-CN": "", en: "" }, items: [], scores: [], mappings: [] };
const CHOICE: ItemType[] = ["choice", "multiChoice", "openChoice"];

/**
 * Builder for one form: top-level questions (add, reorder, edit, conditions on earlier questions,
 * options with points), scores with bands, and a live preview in both languages side by side.
 * Groups of built-in forms are edited as they are (their children are kept; new questions are top-level).
 */
export function FormBuilder({ slug, initial }: { slug: string; initial: Initial }) {
  const t = useTranslations("forms.builder");
  const tl = useTranslations("forms.list");
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const [doc, setDoc] = useState<TFormDocument>(initial?.draft ?? EMPTY);
  const [code, setCode] = useState(initial?.code ?? "");
  const [kind, setKind] = useState<"questionnaire" | "consultation">(initial?.kind ?? "questionnaire");
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<TAnswers>({});
  const onError = (e: { message: string }) => setError(e.message);
  const create = useMutation(trpc.forms.create.mutationOptions({ onSuccess: (r) => (toast.show({ tone: "success", message: t("created") }), router.push(`/h/${slug}/forms/${r.id}`)), onError }));
  const save = useMutation(trpc.forms.saveDraft.mutationOptions({ onSuccess: () => (setError(null), toast.show({ tone: "success", message: t("saved") })), onError }));
  const publish = useMutation(trpc.forms.publish.mutationOptions({ onSuccess: (r) => (setError(null), toast.show({ tone: "success", message: t("published", { version: r.version }) }), router.refresh()), onError }));

  const setItem = (index: number, patch: Partial<TItem>) => setDoc((d) => ({ ...d, items: d.items.map((it, i) => (i === index ? { ...it, ...patch } : it)) }));
  const move = (index: number, by: number) =>
    setDoc((d) => {
      const items = [...d.items];
      const [it] = items.splice(index, 1);
      items.splice(index + by, 0, it!);
      return { ...d, items };
    });
  const addItem = () =>
    setDoc((d) => ({ ...d, items: [...d.items, { linkId: `q${d.items.length + 1}`, type: "choice", text: blankText(), options: [{ code: "0", text: { "zh-CN": "否", en: "No" }, score: 0 }, { code: "1", text: { "zh-CN": "是", en: "Yes" }, score: 1 }] }] }));
  const setScore = (index: number, patch: Partial<TScore>) => setDoc((d) => ({ ...d, scores: d.scores.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));
  const answerable = doc.items.filter((i) => !["group", "display"].includes(i.type));
  const scores = computeScores(doc, preview);

  const persist = () => {
    setError(null);
    if (!initial) create.mutate({ code, kind, document: doc as unknown as Record<string, unknown> });
    else save.mutate({ id: initial.id, document: doc as unknown as Record<string, unknown> });
  };

  return (
    <div className="grid gap-5 xl:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <div className="space-y-4">
        <h1 className="text-xl font-semibold text-slate-900">{initial ? doc.title["zh-CN"] || initial.code : t("newTitle")}</h1>
        {initial?.builtin ? <Alert tone="info">{t("builtinNote")}</Alert> : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Card>
          <CardContent className="grid gap-3 p-4 sm:grid-cols-2">
            <label className="text-sm">
              {t("code")}
              <Input value={code} disabled={!!initial} onChange={(e) => setCode(e.target.value)} aria-describedby="code-hint" />
              <span id="code-hint" className="text-xs text-slate-600">
                {t("codeHint")}
              </span>
            </label>
            <label className="text-sm">
              {t("kind")}
              <Select value={kind} disabled={!!initial} onChange={(e) => setKind(e.target.value as typeof kind)}>
                <option value="questionnaire">{tl("kind.questionnaire")}</option>
                <option value="consultation">{tl("kind.consultation")}</option>
              </Select>
            </label>
            <label className="text-sm">
              {t("titleZh")}
              <Input value={doc.title["zh-CN"]} onChange={(e) => setDoc((d) => ({ ...d, title: { ...d.title, "zh-CN": e.target.value } }))} />
            </label>
            <label className="text-sm">
              {t("titleEn")}
              <Input value={doc.title.en} onChange={(e) => setDoc((d) => ({ ...d, title: { ...d.title, en: e.target.value } }))} />
            </label>
          </CardContent>
        </Card>

        <Card>
          <CardHeader className="flex items-center justify-between">
            <CardTitle>{t("items")}</CardTitle>
            <Button size="sm" variant="secondary" onClick={addItem}>
              <Plus aria-hidden className="size-4" />
              {t("addItem")}
            </Button>
          </CardHeader>
          <CardContent className="space-y-3">
            {doc.items.map((item, index) => (
              <fieldset key={index} className="space-y-2 rounded-md border border-slate-200 p-3" data-testid="builder-item">
                <legend className="sr-only">{item.linkId}</legend>
                <div className="flex flex-wrap items-end gap-2">
                  <label className="w-28 text-xs">
                    {t("linkId")}
                    <Input value={item.linkId} onChange={(e) => setItem(index, { linkId: e.target.value })} />
                  </label>
                  <label className="w-44 text-xs">
                    {t("itemType")}
                    <Select value={item.type} disabled={item.type === "group"} onChange={(e) => setItem(index, { type: e.target.value as ItemType, ...(e.target.value === "measurement" ? { measurement: "weight" as const } : {}) })}>
                      {ITEM_TYPES.filter((x) => x !== "group" || item.type === "group").map((x) => (
                        <option key={x} value={x}>
                          {t(`types.${x}`)}
                        </option>
                      ))}
                    </Select>
                  </label>
                  <label className="flex items-center gap-1.5 pb-2 text-xs">
                    <input type="checkbox" checked={!!item.required} onChange={(e) => setItem(index, { required: e.target.checked })} className="size-4 accent-primary-600" />
                    {t("required")}
                  </label>
                  <div className="ml-auto flex gap-1">
                    <Button size="sm" variant="secondary" aria-label={t("moveUp")} disabled={index === 0} onClick={() => move(index, -1)}>
                      <ArrowUp aria-hidden className="size-4" />
                    </Button>
                    <Button size="sm" variant="secondary" aria-label={t("moveDown")} disabled={index === doc.items.length - 1} onClick={() => move(index, 1)}>
                      <ArrowDown aria-hidden className="size-4" />
                    </Button>
                    <Button size="sm" variant="secondary" aria-label={t("remove")} onClick={() => setDoc((d) => ({ ...d, items: d.items.filter((_, i) => i !== index) }))}>
                      <Trash2 aria-hidden className="size-4" />
                    </Button>
                  </div>
                </div>
                <div className="grid gap-2 sm:grid-cols-2">
                  <label className="text-xs">
                    {t("textZh")}
                    <Input value={item.text["zh-CN"]} onChange={(e) => setItem(index, { text: { ...item.text, "zh-CN": e.target.value } })} />
                  </label>
                  <label className="text-xs">
                    {t("textEn")}
                    <Input value={item.text.en} onChange={(e) => setItem(index, { text: { ...item.text, en: e.target.value } })} />
                  </label>
                </div>
                {["integer", "decimal"].includes(item.type) ? (
                  <div className="flex gap-2">
                    {(["min", "max"] as const).map((k) => (
                      <label key={k} className="w-28 text-xs">
                        {t(k)}
                        <Input type="number" value={item[k] ?? ""} onChange={(e) => setItem(index, { [k]: e.target.value === "" ? undefined : Number(e.target.value) })} />
                      </label>
                    ))}
                    <label className="w-28 text-xs">
                      {t("unit")}
                      <Input value={item.unit ?? ""} onChange={(e) => setItem(index, { unit: e.target.value || undefined })} />
                    </label>
                  </div>
                ) : null}
                {item.type === "measurement" ? (
                  <label className="block w-44 text-xs">
                    {t("measurement")}
                    <Select value={item.measurement ?? "weight"} onChange={(e) => setItem(index, { measurement: e.target.value as TItem["measurement"] })}>
                      {MEASUREMENT_KINDS.map((m) => (
                        <option key={m} value={m}>
                          {t(`measurements.${m}`)}
                        </option>
                      ))}
                    </Select>
                  </label>
                ) : null}
                {CHOICE.includes(item.type) ? (
                  <div className="space-y-1.5">
                    <p className="text-xs font-medium text-slate-700">{t("options")}</p>
                    {(item.options ?? []).map((o, oi) => (
                      <div key={oi} className="flex flex-wrap gap-1.5">
                        <Input aria-label={t("optionCode")} className="w-20" value={o.code} onChange={(e) => setItem(index, { options: item.options!.map((x, xi) => (xi === oi ? { ...x, code: e.target.value } : x)) })} />
                        <Input aria-label={t("optionZh")} className="w-32" value={o.text["zh-CN"]} onChange={(e) => setItem(index, { options: item.options!.map((x, xi) => (xi === oi ? { ...x, text: { ...x.text, "zh-CN": e.target.value } } : x)) })} />
                        <Input aria-label={t("optionEn")} className="w-32" value={o.text.en} onChange={(e) => setItem(index, { options: item.options!.map((x, xi) => (xi === oi ? { ...x, text: { ...x.text, en: e.target.value } } : x)) })} />
                        <Input aria-label={t("optionScore")} type="number" className="w-20" value={o.score ?? ""} onChange={(e) => setItem(index, { options: item.options!.map((x, xi) => (xi === oi ? { ...x, score: e.target.value === "" ? undefined : Number(e.target.value) } : x)) })} />
                        <Button size="sm" variant="secondary" aria-label={t("remove")} onClick={() => setItem(index, { options: item.options!.filter((_, xi) => xi !== oi) })}>
                          <Trash2 aria-hidden className="size-4" />
                        </Button>
                      </div>
                    ))}
                    <Button size="sm" variant="secondary" onClick={() => setItem(index, { options: [...(item.options ?? []), { code: String(item.options?.length ?? 0), text: blankText() }] })}>
                      {t("addOption")}
                    </Button>
                  </div>
                ) : null}
                {index > 0 ? (
                  <div className="flex flex-wrap items-center gap-1.5 text-xs">
                    <span className="font-medium text-slate-700">{t("condition")}</span>
                    <Select
                      aria-label={t("conditionWhen")}
                      className="w-32"
                      value={item.enableWhen?.[0]?.question ?? ""}
                      onChange={(e) => setItem(index, { enableWhen: e.target.value ? [{ question: e.target.value, operator: "=", answer: item.enableWhen?.[0]?.answer ?? "1" }] : undefined })}
                    >
                      <option value="">{t("conditionNone")}</option>
                      {doc.items.slice(0, index).filter((x) => !["group", "display"].includes(x.type)).map((x) => (
                        <option key={x.linkId} value={x.linkId}>
                          {x.linkId}
                        </option>
                      ))}
                    </Select>
                    {item.enableWhen?.[0] ? (
                      <>
                        <Select aria-label={t("operators.=")} className="w-32" value={item.enableWhen[0].operator} onChange={(e) => setItem(index, { enableWhen: [{ ...item.enableWhen![0]!, operator: e.target.value as (typeof ENABLE_OPERATORS)[number] }] })}>
                          {ENABLE_OPERATORS.map((op) => (
                            <option key={op} value={op}>
                              {t(`operators.${op}`)}
                            </option>
                          ))}
                        </Select>
                        <Input aria-label={t("conditionAnswer")} className="w-24" value={String(item.enableWhen[0].answer)} onChange={(e) => setItem(index, { enableWhen: [{ ...item.enableWhen![0]!, answer: e.target.value === "true" ? true : e.target.value === "false" ? false : e.target.value }] })} />
                      </>
                    ) : null}
                  </div>
                ) : null}
              </fieldset>
            ))}
          </CardContent>
        </Card>

        <Card>
          <CardHeader className="flex items-center justify-between">
            <CardTitle>{t("scores")}</CardTitle>
            <Button size="sm" variant="secondary" onClick={() => setDoc((d) => ({ ...d, scores: [...d.scores, { id: d.scores.length ? `score${d.scores.length + 1}` : "total", title: { "zh-CN": "总分", en: "Total" }, items: answerable.map((i) => i.linkId), bands: [] }] }))}>
              <Plus aria-hidden className="size-4" />
              {t("addScore")}
            </Button>
          </CardHeader>
          <CardContent className="space-y-3">
            {doc.scores.map((s, si) => (
              <fieldset key={si} className="space-y-2 rounded-md border border-slate-200 p-3">
                <legend className="sr-only">{s.id}</legend>
                <div className="flex flex-wrap gap-2">
                  <label className="w-28 text-xs">
                    {t("scoreId")}
                    <Input value={s.id} onChange={(e) => setScore(si, { id: e.target.value })} />
                  </label>
                  <label className="text-xs">
                    {t("textZh")}
                    <Input value={s.title["zh-CN"]} onChange={(e) => setScore(si, { title: { ...s.title, "zh-CN": e.target.value } })} />
                  </label>
                  <label className="text-xs">
                    {t("textEn")}
                    <Input value={s.title.en} onChange={(e) => setScore(si, { title: { ...s.title, en: e.target.value } })} />
                  </label>
                  <Button size="sm" variant="secondary" className="self-end" aria-label={t("remove")} onClick={() => setDoc((d) => ({ ...d, scores: d.scores.filter((_, i) => i !== si) }))}>
                    <Trash2 aria-hidden className="size-4" />
                  </Button>
                </div>
                <div className="flex flex-wrap gap-2 text-xs" role="group" aria-label={t("scoreItems")}>
                  {answerable.map((i) => (
                    <label key={i.linkId} className="flex items-center gap-1">
                      <input type="checkbox" className="accent-primary-600" checked={s.items.includes(i.linkId)} onChange={(e) => setScore(si, { items: e.target.checked ? [...s.items, i.linkId] : s.items.filter((x) => x !== i.linkId) })} />
                      {i.linkId}
                    </label>
                  ))}
                </div>
                <p className="text-xs font-medium text-slate-700">{t("bands")}</p>
                {s.bands.map((b, bi) => (
                  <div key={bi} className="flex flex-wrap gap-1.5">
                    <Input aria-label={t("bandMin")} type="number" className="w-20" value={b.min} onChange={(e) => setScore(si, { bands: s.bands.map((x, xi) => (xi === bi ? { ...x, min: Number(e.target.value) } : x)) })} />
                    <Input aria-label={t("bandMax")} type="number" className="w-20" value={b.max} onChange={(e) => setScore(si, { bands: s.bands.map((x, xi) => (xi === bi ? { ...x, max: Number(e.target.value) } : x)) })} />
                    <Input aria-label={t("bandLabelZh")} className="w-28" value={b.label["zh-CN"]} onChange={(e) => setScore(si, { bands: s.bands.map((x, xi) => (xi === bi ? { ...x, label: { ...x.label, "zh-CN": e.target.value } } : x)) })} />
                    <Input aria-label={t("bandLabelEn")} className="w-28" value={b.label.en} onChange={(e) => setScore(si, { bands: s.bands.map((x, xi) => (xi === bi ? { ...x, label: { ...x.label, en: e.target.value } } : x)) })} />
                    <Select aria-label={t("severity")} className="w-28" value={b.severity} onChange={(e) => setScore(si, { bands: s.bands.map((x, xi) => (xi === bi ? { ...x, severity: e.target.value as (typeof SEVERITIES)[number] } : x)) })}>
                      {SEVERITIES.map((sv) => (
                        <option key={sv} value={sv}>
                          {t(`severities.${sv}`)}
                        </option>
                      ))}
                    </Select>
                  </div>
                ))}
                <Button size="sm" variant="secondary" onClick={() => setScore(si, { bands: [...s.bands, { min: 0, max: 0, label: blankText(), severity: "normal" }] })}>
                  {t("addBand")}
                </Button>
              </fieldset>
            ))}
          </CardContent>
        </Card>

        <div className="flex flex-wrap gap-2">
          <Button onClick={persist} disabled={create.isPending || save.isPending}>
            {initial ? t("save") : t("create")}
          </Button>
          {initial ? (
            <Button variant="secondary" disabled={publish.isPending} onClick={() => save.mutate({ id: initial.id, document: doc as unknown as Record<string, unknown> }, { onSuccess: () => publish.mutate({ id: initial.id }) })}>
              {t("publish")}
            </Button>
          ) : null}
          <p className="self-center text-xs text-slate-600">
            {t("versions")}: {initial?.versions.length ? initial.versions.map((v) => `v${v.version}`).join(", ") : t("noVersions")}
          </p>
        </div>
      </div>

      <section aria-labelledby="preview-title" className="space-y-3 xl:sticky xl:top-4 xl:self-start">
        <h2 id="preview-title" className="text-base font-semibold text-slate-900">
          {t("preview")}
        </h2>
        <p className="text-xs text-slate-600">{t("previewHint")}</p>
        <ScoreBadges scores={scores} locale="zh-CN" />
        <div className="grid gap-3 lg:grid-cols-2">
          {(["zh-CN", "en"] as const).map((lang) => (
            <div key={lang} lang={lang} className="rounded-lg border border-slate-200 bg-white p-4" data-testid={`preview-${lang}`}>
              <p className="mb-3 font-semibold text-slate-900">{doc.title[lang] || "—"}</p>
              {doc.items.length ? <FormRenderer document={doc} locale={lang} answers={preview} onChange={setPreview} /> : null}
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}
