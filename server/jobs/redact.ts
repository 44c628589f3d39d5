/**
 * Error text from providers can echo what we sent them ("550 <li.ming@example.com>: no such user",
 * "invalid number +8613800138000"). Anything that looks like an email address or a phone number is
 * replaced before an error is logged or stored.
 */
export function redactContacts(text: string): string {
  return text
    .replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[a-z]{2,}/gi, "[email]")
    .replace(/\+?\d[\d\s-]{6,}\d/g, "[number]")
    .slice(0, 500);
}

export function errorText(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return redactContacts(message);
}
