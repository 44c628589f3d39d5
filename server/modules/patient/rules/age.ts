/** Age in whole years on `today` for a YYYY-MM-DD birth date. */
export function ageOn(birthDate: string, today: Date = new Date()): number {
  const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age--;
  return age;
}

/** Birth-date bounds (inclusive) for an age band [minAge, maxAge] on `today`. */
export function birthDateRangeForAges(minAge: number | undefined, maxAge: number | undefined, today: Date = new Date()): { from?: string; to?: string } {
  const iso = (dt: Date) => dt.toISOString().slice(0, 10);
  const out: { from?: string; to?: string } = {};
  if (minAge !== undefined) out.to = iso(new Date(Date.UTC(today.getUTCFullYear() - minAge, today.getUTCMonth(), today.getUTCDate())));
  if (maxAge !== undefined) {
    const dt = new Date(Date.UTC(today.getUTCFullYear() - maxAge - 1, today.getUTCMonth(), today.getUTCDate()));
    dt.setUTCDate(dt.getUTCDate() + 1);
    out.from = iso(dt);
  }
  return out;
}
