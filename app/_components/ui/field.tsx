import type { ReactNode } from "react";
import { Label } from "./label";

/**
 * Label + control + hint + inline error. The control must carry `id={id}`, `aria-describedby`,
 * `aria-invalid` and `aria-required` itself: spread `fieldA11y(id, …)` onto it. The asterisk is
 * visual only; assistive technology hears "required" from `aria-required`.
 */
export function Field({
  id,
  label,
  hint,
  error,
  required,
  requiredLabel,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  /** Optional spoken "required" in the label, for controls that do not set aria-required. */
  requiredLabel?: string;
  children: ReactNode;
}) {
  return (
    <div className="space-y-1.5">
      <Label htmlFor={id}>
        {label}
        {required ? (
          <span className="ml-0.5 text-red-700" aria-hidden>
            *
          </span>
        ) : null}
        {required && requiredLabel ? <span className="sr-only"> {requiredLabel}</span> : null}
      </Label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Props for the control inside a Field: id, described-by hint/error, invalid state. */
export function fieldA11y(id: string, opts: { hint?: boolean; error?: unknown; required?: boolean }) {
  const ids = [opts.hint ? `${id}-hint` : null, opts.error ? `${id}-error` : null].filter(Boolean).join(" ");
  return {
    id,
    "aria-describedby": ids || undefined,
    "aria-invalid": opts.error ? true : undefined,
    "aria-required": opts.required ? true : undefined,
  } as const;
}
