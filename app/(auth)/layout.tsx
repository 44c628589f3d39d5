import { ShieldCheck } from "lucide-react";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/app/_components/language-switch";

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations("auth");
  return (
    <div className="flex min-h-screen flex-col bg-gradient-to-b from-primary-50 via-slate-50 to-slate-50">
      <header className="flex h-14 items-center justify-end px-4 sm:px-6">
        <LanguageSwitch />
      </header>
      <main id="main" className="flex flex-1 flex-col items-center px-4 pt-4 pb-16 sm:pt-10">
        <div className="mb-6 flex flex-col items-center gap-2 text-center">
          <span aria-hidden className="flex size-12 items-center justify-center rounded-xl bg-primary-600 text-xl font-bold text-white shadow-sm">
            康
          </span>
          <p className="text-lg font-semibold text-slate-900">{t("brandName")}</p>
          <p className="text-sm text-slate-600">{t("brandTagline")}</p>
        </div>
        <div className="w-full max-w-md">{children}</div>
        <p className="mt-6 flex max-w-md items-center gap-1.5 text-center text-xs text-slate-500">
          <ShieldCheck aria-hidden className="size-4 shrink-0" />
          {t("secureNote")}
        </p>
      </main>
    </div>
  );
}
