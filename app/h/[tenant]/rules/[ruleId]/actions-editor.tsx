"use client";

import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import type { TRuleAction } from "@/server/shared/rules/rule";

const TYPES = ["addTag", "removeTag", "createTask", "startPlan"] as const;

function blank(type: TRuleAction["type"], tags: { id: string }[]): TRuleAction {
  if (type === "addTag" || type === "removeTag") return { type, tagId: tags[0]?.id ?? "" };
  if (type === "createTask") return { type, dueInDays: 7 };
  return { type, templateCode: "" };
}

/** What the rule does when a patient starts matching: add/remove a tag, a task for the manager, a follow-up plan. */
export function ActionsEditor({ actions, tags, onChange }: { actions: TRuleAction[]; tags: { id: string; name: string }[]; onChange: (a: TRuleAction[]) => void }) {
  const t = useTranslations("rules.editor");
  const set = (index: number, a: TRuleAction) => onChange(actions.map((x, i) => (i === index ? a : x)));
  return (
    <div className="space-y-2">
      <ul className="space-y-2">
        {actions.map((a, index) => (
          <li key={index} className="grid gap-2 rounded-md border border-slate-200 p-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end" data-testid="rule-action">
            <label className="text-xs text-slate-700">
              {t("actionType")}
              <Select aria-label={t("actionType")} value={a.type} onChange={(e) => set(index, blank(e.target.value as TRuleAction["type"], tags))}>
                {TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`actionTypes.${type}`)}
                  </option>
                ))}
              </Select>
            </label>
            {a.type === "addTag" || a.type === "removeTag" ? (
              <label className="text-xs text-slate-700">
                {t("tag")}
                <Select aria-label={t("tag")} value={a.tagId} onChange={(e) => set(index, { ...a, tagId: e.target.value })} aria-invalid={!a.tagId}>
                  {!a.tagId ? <option value="">{t("chooseTag")}</option> : null}
                  {tags.map((tag) => (
                    <option key={tag.id} value={tag.id}>
                      {tag.name}
                    </option>
                  ))}
                </Select>
              </label>
            ) : a.type === "createTask" ? (
              <label className="text-xs text-slate-700">
                {t("dueInDays")}
                <Input aria-label={t("dueInDays")} type="number" min={0} max={90} value={a.dueInDays} onChange={(e) => set(index, { ...a, dueInDays: Math.max(0, Math.min(90, Math.trunc(Number(e.target.value) || 0))) })} />
              </label>
            ) : (
              <label className="text-xs text-slate-700">
                {t("template")}
                <Input aria-label={t("template")} value={a.templateCode} onChange={(e) => set(index, { ...a, templateCode: e.target.value })} />
              </label>
            )}
            <Button size="sm" variant="ghost" onClick={() => onChange(actions.filter((_, i) => i !== index))} aria-label={t("removeAction")} title={t("removeAction")}>
              <Trash2 aria-hidden className="size-4" />
            </Button>
          </li>
        ))}
      </ul>
      <Button size="sm" variant="secondary" onClick={() => onChange([...actions, blank("addTag", tags)])} disabled={actions.length >= 10}>
        <Plus aria-hidden className="size-4" />
        {t("addAction")}
      </Button>
    </div>
  );
}
