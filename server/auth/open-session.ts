import "server-only";
import { AuthError } from "next-auth";
import { signIn } from "./next-auth";
import { verifiedTicket } from "./pre-auth-cookie";

/**
 * Hands a freshly sealed `verified` ticket to next-auth, which opens the session row and sets the
 * cookie. Deliberately not a server action: only code that has checked both factors may call it.
 */
export async function openSession(uid: string, method: "totp" | "recovery_code" | "enrolment"): Promise<boolean> {
  try {
    await signIn("credentials", { ticket: verifiedTicket(uid), method, redirect: false });
    return true;
  } catch (error) {
    if (error instanceof AuthError) return false;
    throw error;
  }
}
