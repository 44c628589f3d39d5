"use client";

import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { defaultValue, emptyGroup, operatorsFor, type Comparison, type Group, type Operator } from "../_lib/condition-model";
import { FACT_GROUPS, factGroup, factOptionLabel, type CatalogueFact } from "../_lib/fact-groups";

interface Props {
  group: Group;
  facts: CatalogueFact[];
  onChange: (group: Group) => void;
  onRemove?: () => void;
  depth?: number;
}

/** Nested all/any groups of "fact operator value" rows; the fact picker lists the catalogue by area with units. */
export function ConditionBuilder({ group, facts, onChange, onRemove, depth = 0 }: Props) {
  const t = useTranslations("rules.editor");
  const byName = new Map(facts.map((f) => [f.name, f]));
  const setItem = (index: number, item: Comparison | Group) => onChange({ ...group, items: group.items.map((it, i) => (i === index ? item : it)) });
  const removeItem = (index: number) => onChange({ ...group, items: group.items.filter((_, i) => i !== index) });
  const addComparison = () => {
    const fact = facts.find((f) => f.name === "age") ?? facts[0]!;
    onChange({ ...group, items: [...group.items, { kind: "comparison", fact: fact.name, op: operatorsFor(fact.type)[0]!, value: defaultValue(fact.type, fact.values) }] });
  };

  return (
    <fieldset className={depth === 0 ? "space-y-3" : "space-y-3 rounded-md border border-slate-200 bg-slate-50/60 p-3"} data-testid="condition-group">
      <legend className="sr-only">{t("groupLabel")}</legend>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label className="flex items-center gap-2">
          <span>{t("match")}</span>
          <Select className="w-40" value={group.match} onChange={(e) => onChange({ ...group, match: e.target.value as Group["match"] })} aria-label={t("match")}>
            <option value="all">{t("all")}</option>
            <option value="any">{t("any")}</option>
          </Select>
        </label>
        {onRemove ? (
          <Button size="sm" variant="ghost" onClick={onRemove} className="ml-auto">
            <Trash2 aria-hidden className="size-4" />
            {t("removeGroup")}
          </Button>
        ) : null}
      </div>
      <ul className="space-y-2">
        {group.items.map((item, index) => (
          <li key={index}>
            {item.kind === "group" ? (
              <ConditionBuilder group={item} facts={facts} depth={depth + 1} onChange={(g) => setItem(index, g)} onRemove={() => removeItem(index)} />
            ) : (
              <ComparisonRow comparison={item} fact={byName.get(item.fact)} facts={facts} onChange={(c) => setItem(index, c)} onRemove={() => removeItem(index)} />
            )}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" onClick={addComparison}>
          <Plus aria-hidden className="size-4" />
          {t("addCondition")}
        </Button>
        {depth < 2 ? (
          <Button size="sm" variant="secondary" onClick={() => onChange({ ...group, items: [...group.items, { ...emptyGroup(), match: group.match === "all" ? "any" : "all" }] })}>
            <Plus aria-hidden className="size-4" />
            {t("addGroup")}
          </Button>
        ) : null}
      </div>
    </fieldset>
  );
}

function ComparisonRow({ comparison, fact, facts, onChange, onRemove }: { comparison: Comparison; fact: CatalogueFact | undefined; facts: CatalogueFact[]; onChange: (c: Comparison) => void; onRemove: () => void }) {
  const t = useTranslations("rules.editor");
  const type = fact?.type ?? "number";
  const pickFact = (name: string) => {
    const next = facts.find((f) => f.name === name);
    if (!next) return;
    const ops = operatorsFor(next.type);
    const sameType = fact?.type === next.type && !next.values;
    onChange({ kind: "comparison", fact: name, op: ops.includes(comparison.op) ? comparison.op : ops[0]!, value: sameType ? comparison.value : defaultValue(next.type, next.values) });
  };
  return (
    <div className="grid gap-2 rounded-md border border-slate-200 bg-white p-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end" data-testid="condition-row">
      <label className="text-xs text-slate-700">
        {t("fact")}
        <Select aria-label={t("fact")} value={comparison.fact} onChange={(e) => pickFact(e.target.value)} aria-invalid={!fact}>
          {!fact ? <option value={comparison.fact}>{comparison.fact}</option> : null}
          {FACT_GROUPS.map((g) => {
            const inGroup = facts.filter((f) => factGroup(f.name) === g);
            return inGroup.length ? (
              <optgroup key={g} label={t(`factGroups.${g}`)}>
                {inGroup.map((f) => (
                  <option key={f.name} value={f.name}>
                    {factOptionLabel(f)}
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
        </Select>
      </label>
      <label className="text-xs text-slate-700">
        {t("operator")}
        <Select aria-label={t("operator")} value={comparison.op} onChange={(e) => onChange({ ...comparison, op: e.target.value as Operator })}>
          {operatorsFor(type).map((op) => (
            <option key={op} value={op}>
              {t(`operators.${op}`)}
            </option>
          ))}
        </Select>
      </label>
      <label className="text-xs text-slate-700">
        {t("value")}
        <ValueInput comparison={comparison} fact={fact} onChange={(value) => onChange({ ...comparison, value })} />
        {fact?.unit ? <span className="mt-0.5 block text-slate-500">{t("unit", { unit: fact.unit })}</span> : null}
      </label>
      <Button size="sm" variant="ghost" onClick={onRemove} aria-label={t("removeCondition")} title={t("removeCondition")}>
        <Trash2 aria-hidden className="size-4" />
      </Button>
    </div>
  );
}

function ValueInput({ comparison, fact, onChange }: { comparison: Comparison; fact: CatalogueFact | undefined; onChange: (v: Comparison["value"]) => void }) {
  const t = useTranslations("rules.editor");
  if (fact?.type === "boolean") {
    return (
      <Select aria-label={t("value")} value={String(comparison.value)} onChange={(e) => onChange(e.target.value === "true")}>
        <option value="true">{t("yes")}</option>
        <option value="false">{t("no")}</option>
      </Select>
    );
  }
  if (fact?.values?.length) {
    return (
      <Select aria-label={t("value")} value={String(comparison.value)} onChange={(e) => onChange(e.target.value)}>
        {fact.values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </Select>
    );
  }
  if (!fact || fact.type === "number") {
    return <NumberInput label={t("value")} value={typeof comparison.value === "number" ? comparison.value : Number(comparison.value) || 0} onChange={onChange} />;
  }
  return <Input aria-label={t("value")} value={String(comparison.value)} onChange={(e) => onChange(e.target.value)} />;
}

/** Keeps what is typed ("6.", "-") while the model holds the last valid number. */
function NumberInput({ label, value, onChange }: { label: string; value: number; onChange: (v: number) => void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => {
    setText((current) => (Number(current) === value && current.trim() !== "" ? current : String(value)));
  }, [value]);
  return (
    <Input
      aria-label={label}
      type="text"
      inputMode="decimal"
      value={text}
      aria-invalid={text.trim() === "" || !Number.isFinite(Number(text))}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value.trim() !== "" && Number.isFinite(n)) onChange(n);
      }}
    />
  );
}
