"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Calculator, Save } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatDateTime } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import { factNames, parseCondition } from "@/server/shared/rules/condition";
import type { TRuleAction } from "@/server/shared/rules/rule";
import { emptyGroup, fromBuilder, toBuilder, type Group } from "../_lib/condition-model";
import type { CatalogueFact } from "../_lib/fact-groups";
import { ActionsEditor } from "./actions-editor";
import { ConditionBuilder } from "./condition-builder";
import { RerunProgress } from "../rerun-progress";
import { RuleTestPanel } from "./rule-test-panel";

interface Initial {
  id: string;
  name: string;
  description: string | null;
  condition: Record<string, unknown>;
  actions: TRuleAction[];
  priority: number;
  enabled: boolean;
  version: number;
  versions: { version: number; changedAt: Date; enabled: boolean }[];
}

const pretty = (v: unknown) => JSON.stringify(v, null, 2);

/**
 * One rule: name, priority, enabled; the condition in the builder or as JSON (both views edit the same
 * condition; the JSON text is what is sent, so the server names any problem); actions; a count of the
 * patients it would match; "test against a patient". Every save is a new version.
 */
export function RuleEditor({ slug, timeZone, facts, tags, initial }: { slug: string; timeZone: string; facts: CatalogueFact[]; tags: { id: string; name: string }[]; initial: Initial | null }) {
  const t = useTranslations("rules.editor");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const startGroup = initial ? toBuilder(initial.condition) : emptyGroup();
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [priority, setPriority] = useState(String(initial?.priority ?? 100));
  const [enabled, setEnabled] = useState(initial?.enabled ?? false);
  const [actions, setActions] = useState<TRuleAction[]>(initial?.actions ?? [{ type: "addTag", tagId: tags[0]?.id ?? "" }]);
  const [group, setGroup] = useState<Group | null>(startGroup);
  const [text, setText] = useState(pretty(initial ? initial.condition : fromBuilder(emptyGroup())));
  const [view, setView] = useState<"builder" | "raw">(startGroup ? "builder" : "raw");
  const [error, setError] = useState<string | null>(null);
  const [count, setCount] = useState<{ matched: number; total: number; beforeEnable: boolean } | null>(null);
  const [counting, setCounting] = useState(false);

  const known = new Set(facts.map((f) => f.name));
  const parsed = parseCondition(text);
  const unknown = parsed.ok ? factNames(parsed.value).filter((n) => !known.has(n)) : [];
  const localProblem = !parsed.ok ? t("jsonInvalid") : unknown.length ? t("unknownFacts", { names: unknown.join(", ") }) : null;

  const editBuilder = (g: Group) => {
    setGroup(g);
    setText(pretty(fromBuilder(g)));
    setCount(null);
  };
  const editText = (value: string) => {
    setText(value);
    setCount(null);
    const p = parseCondition(value);
    if (p.ok) setGroup(toBuilder(p.value));
  };

  const save = useMutation(
    trpc.rules.save.mutationOptions({
      onSuccess: async (r) => {
        setError(null);
        toast.show({ tone: "success", message: r.rerunId ? t("savedRerun", { version: r.version }) : t("saved", { version: r.version }) });
        await queryClient.invalidateQueries({ queryKey: trpc.rules.run.queryKey() });
        if (!initial) router.push(`/h/${slug}/rules/${r.id}`);
        else router.refresh();
      },
      onError: (e) => setError(e.message),
    }),
  );

  const runCount = async (beforeEnable: boolean) => {
    setError(null);
    setCounting(true);
    try {
      const r = await queryClient.fetchQuery({ ...trpc.rules.count.queryOptions({ condition: text }), staleTime: 0 });
      setCount({ ...r, beforeEnable });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setCounting(false);
    }
  };

  const submit = () => {
    setError(null);
    save.mutate({ ...(initial ? { id: initial.id } : {}), name, description: description.trim() || null, condition: text, actions, priority: Number(priority), enabled });
  };

  return (
    <div className="grid gap-5 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
      <div className="space-y-4">
        <h1 className="text-xl font-semibold text-slate-900">{initial ? `${t("editTitle")} · ${initial.name}` : t("newTitle")}</h1>
        {initial ? <p className="text-sm text-slate-600">{t("saveFirst", { version: initial.version })}</p> : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Card>
          <CardContent className="grid gap-3 p-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <label className="text-sm">
              {t("name")}
              <Input aria-label={t("name")} value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required />
            </label>
            <label className="text-sm">
              {t("priority")}
              <Input aria-label={t("priority")} type="number" min={1} max={1000} value={priority} onChange={(e) => setPriority(e.target.value)} aria-describedby="priority-hint" />
              <span id="priority-hint" className="text-xs text-slate-600">
                {t("priorityHint")}
              </span>
            </label>
            <label className="text-sm sm:col-span-2">
              {t("description")}
              <Input aria-label={t("description")} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={300} />
            </label>
            <label className="flex items-center gap-2 text-sm sm:col-span-2">
              <input
                type="checkbox"
                className="size-4 accent-primary-600"
                checked={enabled}
                onChange={(e) => {
                  setEnabled(e.target.checked);
                  if (e.target.checked && !initial?.enabled && !localProblem) void runCount(true);
                }}
              />
              {t("enabled")}
            </label>
          </CardContent>
        </Card>

        <Card>
          <CardHeader className="flex flex-wrap items-center justify-between gap-2">
            <CardTitle>{t("condition")}</CardTitle>
            <div role="tablist" aria-label={t("condition")} className="inline-flex rounded-md border border-slate-300 p-0.5 text-sm">
              {(["builder", "raw"] as const).map((v) => (
                <button key={v} type="button" role="tab" aria-selected={view === v} onClick={() => setView(v)} className={`rounded px-3 py-1 ${view === v ? "bg-primary-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}>
                  {v === "builder" ? t("builder") : t("raw")}
                </button>
              ))}
            </div>
          </CardHeader>
          <CardContent className="space-y-3">
            {view === "builder" ? (
              group ? (
                <ConditionBuilder group={group} facts={facts} onChange={editBuilder} />
              ) : (
                <Alert tone="info">{t("builderUnavailable")}</Alert>
              )
            ) : (
              <label className="block text-sm">
                <span className="sr-only">{t("raw")}</span>
                <textarea
                  value={text}
                  onChange={(e) => editText(e.target.value)}
                  spellCheck={false}
                  rows={14}
                  aria-invalid={!!localProblem}
                  aria-describedby="raw-hint"
                  className="block w-full rounded-md border border-slate-300 bg-white p-2 font-mono text-xs text-slate-900 focus:border-primary-600 focus:ring-2 focus:ring-primary-200 focus:outline-none aria-[invalid=true]:border-red-600"
                />
                <span id="raw-hint" className="text-xs text-slate-600">
                  {t("rawHint", { example: '{"and": [{">=": [{"var": "age"}, 60]}]}' })}
                </span>
              </label>
            )}
            {localProblem ? <Alert tone="error">{localProblem}</Alert> : group && group.items.length === 0 ? <p className="text-sm text-amber-800">{t("emptyCondition")}</p> : null}
            <div className="flex flex-wrap items-center gap-3">
              <Button variant="secondary" size="sm" onClick={() => void runCount(false)} disabled={counting || !!localProblem}>
                <Calculator aria-hidden className="size-4" />
                {t("count")}
              </Button>
              {count ? (
                <p className="text-sm text-slate-800" data-testid="rule-count" aria-live="polite">
                  {t(count.beforeEnable ? "countBeforeEnable" : "countResult", { matched: count.matched, total: count.total })}
                </p>
              ) : null}
            </div>
          </CardContent>
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>{t("actions")}</CardTitle>
          </CardHeader>
          <CardContent>
            <ActionsEditor actions={actions} tags={tags} onChange={setActions} />
          </CardContent>
        </Card>

        <div className="flex flex-wrap gap-2">
          <Button onClick={submit} disabled={save.isPending || !name.trim() || actions.length === 0}>
            <Save aria-hidden className="size-4" />
            {t("save")}
          </Button>
          <Button variant="secondary" onClick={() => router.push(`/h/${slug}/rules`)}>
            {t("cancel")}
          </Button>
        </div>
      </div>

      <div className="space-y-4">
        <RuleTestPanel conditionText={text} />
        {initial ? (
          <Card>
            <CardHeader>
              <CardTitle>{t("versions")}</CardTitle>
            </CardHeader>
            <CardContent className="space-y-3">
              <RerunProgress />
              <ul className="space-y-1 text-sm text-slate-700">
                {initial.versions.map((v) => (
                  <li key={v.version}>{t("versionLine", { version: v.version, date: formatDateTime(v.changedAt, locale, timeZone), state: v.enabled ? t("enabled") : "—" })}</li>
                ))}
              </ul>
            </CardContent>
          </Card>
        ) : null}
      </div>
    </div>
  );
}

