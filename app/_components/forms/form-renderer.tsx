"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { enabledItems, type TAnswers, type TAnswerValue } from "@/server/shared/forms/answers";
import { MEASUREMENTS, type FormLocale, type TFormDocument, type TItem } from "@/server/shared/forms/document";
import { Input } from "@/app/_components/ui/input";
import { cn } from "@/app/_components/ui/cn";

/**
 * Renders a form document (any version) in one language: groups, display text, every item type,
 * conditional items (hidden ones are not rendered), required marks and per-item errors. Controlled:
 * the caller owns `answers`. Used by the builder's preview, staff filling and the patient's link page.
 */
export function FormRenderer({
  document,
  locale,
  answers,
  onChange,
  errors = {},
  disabled = false,
  large = false,
}: {
  document: TFormDocument;
  locale: FormLocale;
  answers: TAnswers;
  onChange: (next: TAnswers) => void;
  errors?: Record<string, string>;
  disabled?: boolean;
  /** Bigger touch targets for the patient's phone. */
  large?: boolean;
}) {
  const enabled = enabledItems(document, answers);
  const set = (linkId: string, value: TAnswerValue | undefined) => {
    const next = { ...answers };
    if (value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) delete next[linkId];
    else next[linkId] = value;
    onChange(next);
  };
  return (
    <div className="space-y-5">
      {document.description ? <p className="text-sm text-slate-700">{document.description[locale]}</p> : null}
      <ItemList items={document.items} enabled={enabled} locale={locale} answers={answers} set={set} errors={errors} disabled={disabled} large={large} />
    </div>
  );
}

interface ListProps {
  items: TItem[];
  enabled: Set<string>;
  locale: FormLocale;
  answers: TAnswers;
  set: (linkId: string, value: TAnswerValue | undefined) => void;
  errors: Record<string, string>;
  disabled: boolean;
  large: boolean;
}

function ItemList(props: ListProps) {
  return (
    <>
      {props.items
        .filter((item) => props.enabled.has(item.linkId))
        .map((item) =>
          item.type === "group" ? (
            <fieldset key={item.linkId} className="space-y-4 rounded-lg border border-slate-200 p-4">
              <legend className="px-1 text-sm font-semibold text-slate-900">{item.text[props.locale]}</legend>
              <ItemList {...props} items={item.items ?? []} />
            </fieldset>
          ) : item.type === "display" ? (
            <p key={item.linkId} className="text-sm text-slate-700">
              {item.text[props.locale]}
            </p>
          ) : (
            <Question key={item.linkId} item={item} {...props} />
          ),
        )}
    </>
  );
}

function Question({ item, locale, answers, set, errors, disabled, large }: ListProps & { item: TItem }) {
  const t = useTranslations("forms.fill");
  const id = useId();
  const value = answers[item.linkId];
  const error = errors[item.linkId];
  const describedBy = error ? `${id}-error` : undefined;
  const optionClass = cn(
    "flex cursor-pointer items-center gap-3 rounded-md border border-slate-200 px-3 text-sm text-slate-800 hover:bg-slate-50 has-[:checked]:border-primary-600 has-[:checked]:bg-primary-50",
    large ? "min-h-12 py-2 text-base" : "min-h-10 py-1.5",
  );
  const unit = item.unit ?? (item.type === "measurement" && item.measurement ? MEASUREMENTS[item.measurement].unit : undefined);
  const label = (
    <span className="text-sm font-medium text-slate-900">
      {item.text[locale]}
      {item.required ? (
        <>
          <span aria-hidden className="ml-0.5 text-red-700">
            *
          </span>
          <span className="sr-only"> {t("required")}</span>
        </>
      ) : null}
    </span>
  );
  let control: React.ReactNode;
  if (item.type === "choice" || item.type === "boolean") {
    const options = item.type === "boolean" ? [{ code: "true", text: { "zh-CN": "是", en: "Yes" } }, { code: "false", text: { "zh-CN": "否", en: "No" } }] : (item.options ?? []);
    const current = item.type === "boolean" ? (value === undefined ? undefined : String(value)) : value;
    control = (
      <div role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={describedBy} aria-invalid={!!error} className="grid gap-2">
        {options.map((o) => (
          <label key={o.code} className={optionClass}>
            <input
              type="radio"
              name={`${id}-${item.linkId}`}
              value={o.code}
              checked={current === o.code}
              disabled={disabled}
              onChange={() => set(item.linkId, item.type === "boolean" ? o.code === "true" : o.code)}
              className="size-4 accent-primary-600"
            />
            {o.text[locale]}
          </label>
        ))}
      </div>
    );
  } else if (item.type === "multiChoice") {
    const chosen = Array.isArray(value) ? value : [];
    control = (
      <div role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy} className="grid gap-2 sm:grid-cols-2">
        {(item.options ?? []).map((o) => (
          <label key={o.code} className={optionClass}>
            <input
              type="checkbox"
              checked={chosen.includes(o.code)}
              disabled={disabled}
              onChange={(e) => set(item.linkId, e.target.checked ? [...chosen, o.code] : chosen.filter((c) => c !== o.code))}
              className="size-4 accent-primary-600"
            />
            {o.text[locale]}
          </label>
        ))}
      </div>
    );
  } else if (item.type === "openChoice") {
    const v = value && typeof value === "object" && !Array.isArray(value) ? value : undefined;
    const other = v && "other" in v ? v.other : "";
    control = (
      <div role="radiogroup" aria-labelledby={`${id}-label`} aria-describedby={describedBy} className="grid gap-2">
        {(item.options ?? []).map((o) => (
          <label key={o.code} className={optionClass}>
            <input type="radio" name={`${id}-${item.linkId}`} checked={!!v && "code" in v && v.code === o.code} disabled={disabled} onChange={() => set(item.linkId, { code: o.code })} className="size-4 accent-primary-600" />
            {o.text[locale]}
          </label>
        ))}
        <Input aria-label={t("other")} placeholder={t("otherPlaceholder")} value={other} disabled={disabled} onChange={(e) => set(item.linkId, e.target.value.trim() ? { other: e.target.value } : undefined)} className={large ? "h-12 text-base" : undefined} />
      </div>
    );
  } else if (item.type === "text") {
    control = (
      <textarea
        id={id}
        aria-describedby={describedBy}
        aria-invalid={!!error}
        aria-required={item.required}
        maxLength={item.maxLength ?? 4000}
        rows={3}
        disabled={disabled}
        value={typeof value === "string" ? value : ""}
        onChange={(e) => set(item.linkId, e.target.value)}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 focus:border-primary-600 focus:ring-2 focus:ring-primary-200 focus:outline-none aria-[invalid=true]:border-red-600"
      />
    );
  } else {
    const numeric = item.type === "integer" || item.type === "decimal" || item.type === "measurement";
    control = (
      <div className="flex items-center gap-2">
        <Input
          id={id}
          type={item.type === "date" ? "date" : numeric ? "number" : "text"}
          inputMode={item.type === "integer" ? "numeric" : numeric ? "decimal" : undefined}
          step={item.type === "integer" ? 1 : numeric ? "any" : undefined}
          min={item.min}
          max={item.max}
          maxLength={item.type === "string" ? (item.maxLength ?? 200) : undefined}
          aria-describedby={describedBy}
          aria-invalid={!!error}
          aria-required={item.required}
          disabled={disabled}
          value={value === undefined ? "" : String(value)}
          onChange={(e) => {
            const raw = e.target.value;
            if (!numeric) return set(item.linkId, raw);
            const n = raw === "" ? undefined : Number(raw);
            set(item.linkId, n === undefined || Number.isNaN(n) ? undefined : n);
          }}
          className={cn(numeric ? "max-w-40" : undefined, large ? "h-12 text-base" : undefined)}
        />
        {unit ? <span className="text-sm text-slate-600">{unit}</span> : null}
      </div>
    );
  }
  const labelled = ["choice", "boolean", "multiChoice", "openChoice"].includes(item.type);
  return (
    <div className="space-y-2">
      {labelled ? (
        <div id={`${id}-label`}>{label}</div>
      ) : (
        <label htmlFor={id} className="block">
          {label}
        </label>
      )}
      {item.help ? <p className="text-xs text-slate-600">{item.help[locale]}</p> : null}
      {control}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
