import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { serverCaller } from "@/app/_trpc/server";
import { getSessionUser } from "@/server/auth/session";
import type { TenantPermission } from "@/server/shared/permissions";

export interface CurrentTenant {
  slug: string;
  name: string;
  nameEn: string | null;
  timeZone: string;
  role: string;
  permissions: string[];
}

type TenantLookup =
  | { status: "ok"; tenant: CurrentTenant }
  | { status: "signed_out" | "not_found" | "suspended" };

/** One `tenant.current` call per request, shared by the layout (chrome) and the page (gate). */
export const lookupTenant = cache(async (slug: string): Promise<TenantLookup> => {
  try {
    const caller = await serverCaller(slug);
    return { status: "ok", tenant: await caller.tenant.current() };
  } catch (error) {
    if (error instanceof TRPCError) {
      if (error.code === "UNAUTHORIZED") return { status: "signed_out" };
      if (error.code === "NOT_FOUND") return { status: "not_found" };
      if (error.code === "FORBIDDEN") return { status: "suspended" };
    }
    throw error;
  }
});

/**
 * The gate every page under /h/[tenant] calls first (auth lives in pages, not in the layout):
 * no session → /sign-in; unknown tenant or not a member → 404; suspended tenant → the suspended notice.
 */
export async function requireTenant(slug: string) {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const result = await lookupTenant(slug);
  if (result.status !== "ok") {
    if (result.status === "not_found") notFound();
    if (result.status === "suspended") redirect(`/h/${slug}/suspended`);
    redirect("/sign-in");
  }
  const tenant = result.tenant;
  return {
    user,
    tenant,
    caller: await serverCaller(slug),
    can: (permission: TenantPermission) => tenant.permissions.includes(permission),
  };
}

/** The tenant's display name in the current locale. */
export function tenantDisplayName(tenant: { name: string; nameEn: string | null }, locale: string): string {
  return locale === "en" && tenant.nameEn ? tenant.nameEn : tenant.name;
}
