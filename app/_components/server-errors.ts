/** What a failed tRPC call tells a form: localised zod issues per field, otherwise one form-level message. */
export interface ServerErrors {
  /** Issue messages keyed by their path joined with dots ("patient.phone"); the first issue per field wins. */
  fields: Record<string, string>;
  /** Set when no field issue applies: the localised message of the error. */
  form?: string;
  /** tRPC error code, e.g. "CONFLICT". */
  code?: string;
}

type WireError = { message?: string; data?: { code?: string; zodIssues?: { path: (string | number)[]; message: string }[] | null } | null };

/** `known` limits the fields to those the form shows; issues on other paths fall back to the form message. */
export function serverFieldErrors(error: unknown, known?: readonly string[]): ServerErrors {
  const e = error as WireError;
  const fields: Record<string, string> = {};
  for (const issue of e.data?.zodIssues ?? []) {
    const key = issue.path.join(".");
    if (known && !known.includes(key)) continue;
    if (!fields[key]) fields[key] = issue.message;
  }
  return { fields, form: Object.keys(fields).length ? undefined : (e.message ?? ""), code: e.data?.code };
}

/** The single most useful message: the first zod issue, else the error's own (already localised) message. */
export function errorMessage(error: unknown): string {
  const e = error as WireError;
  return e.data?.zodIssues?.[0]?.message ?? e.message ?? "";
}
