import "server-only";
import { notFound, redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/session";

/** Gate for every /admin page: signed in, and a platform operator (anyone else gets a 404). */
export async function requireOperator() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (!user.isPlatformOperator) notFound();
  return user;
}
