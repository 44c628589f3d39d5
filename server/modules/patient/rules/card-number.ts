/**
 * Member card numbers: 12 digits, the last one a Luhn (mod 10) check digit, so a mistyped digit or
 * a swap of neighbouring digits is caught at the counter before any lookup.
 */
export const CARD_NUMBER_PATTERN = /^\d{12}$/;

export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let n = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
  }
  return String((10 - (sum % 10)) % 10);
}

export function normaliseCardNumber(raw: string): string {
  return raw.trim().replace(/[\s-]/g, "");
}

export function isValidCardNumber(raw: string): boolean {
  const n = normaliseCardNumber(raw);
  return CARD_NUMBER_PATTERN.test(n) && luhnCheckDigit(n.slice(0, 11)) === n[11];
}

/** A new card number from 11 random digits (first digit non-zero) plus the check digit. */
export function makeCardNumber(random: () => number = Math.random): string {
  let body = String(1 + Math.floor(random() * 9));
  while (body.length < 11) body += String(Math.floor(random() * 10));
  return body + luhnCheckDigit(body);
}
