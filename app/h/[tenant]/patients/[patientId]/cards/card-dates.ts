/** The last day of a one-year term that starts the day after `iso` (2026-12-31 → 2027-12-31). */
export function plusOneYear(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y + 1, m - 1, d));
  // 29 February + 1 year rolls into March; step back to the last day of February.
  if (date.getUTCMonth() !== m - 1) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}
