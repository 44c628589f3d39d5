import { dictionary } from "@zxcvbn-ts/language-common";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordProblem = "tooShort" | "tooLong" | "common" | "containsEmail";

let common: Set<string> | null = null;

/** ~49k most common passwords from a maintained list (zxcvbn-ts), compared case-insensitively. */
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

/** Returns the first problem with a new password, or null when it is acceptable. */
export function checkPasswordPolicy(password: string, email: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "tooShort";
  if (length > PASSWORD_MAX_LENGTH) return "tooLong";
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return "common";
  const local = email.toLowerCase().split("@")[0] ?? "";
  if (local.length >= 3 && lower.includes(local)) return "containsEmail";
  return null;
}
