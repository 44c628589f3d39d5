import { ShieldCheck } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/app/_components/language-switch";
import { UserMenu } from "@/app/_components/user-menu";
import { signOutAction } from "@/server/auth/actions";
import { getSessionUser } from "@/server/auth/session";
import { AdminNav } from "./admin-nav";

/**
 * Operator chrome only — not the auth gate (pages check the session and the operator flag).
 * Deliberately has no links into /h/… : operators never see patient data.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user?.isPlatformOperator) return <>{children}</>;
  const [t, tc, tn] = await Promise.all([getTranslations("admin"), getTranslations("common"), getTranslations("nav")]);
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only z-[70] rounded-md bg-white px-3 py-2 text-sm font-medium text-primary-800 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2">
        {tc("skipToContent")}
      </a>
      <header className="sticky top-0 z-20 border-b border-slate-800 bg-slate-900 text-white">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 md:px-8">
          <Link href="/admin/tenants" className="flex items-center gap-2 rounded-md text-sm font-semibold focus-visible:outline-white">
            <span aria-hidden className="flex size-7 items-center justify-center rounded-md bg-primary-500 text-sm font-bold text-white">
              康
            </span>
            <span>{tc("appName")}</span>
          </Link>
          <span className="hidden items-center gap-1 rounded-full border border-slate-600 px-2 py-0.5 text-xs text-slate-200 sm:inline-flex">
            <ShieldCheck aria-hidden className="size-3.5" />
            {t("title")}
          </span>
          <AdminNav label={t("title")} items={[{ href: "/admin/tenants", label: tn("tenants") }]} />
          <div className="ml-auto flex items-center gap-1">
            <LanguageSwitch className="text-slate-100 hover:bg-slate-800 focus-visible:outline-white" />
            <UserMenu name={user.name} email={user.email} roleLabel={tc("roles.platform_operator")} signOutAction={signOutAction} tone="dark" />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-7xl px-4 py-6 focus:outline-none md:px-8 md:py-8">
        {children}
      </main>
    </div>
  );
}
