/** Mainland China mobile numbers: 11 digits starting 13–19, optionally written with +86 / 86 and spaces or dashes. */
export function normalisePhone(raw: string): string | null {
  const digits = raw.trim().replace(/[\s-]/g, "").replace(/^(\+?86)(?=1\d{10}$)/, "");
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

export function isValidMobile(raw: string): boolean {
  return normalisePhone(raw) !== null;
}
