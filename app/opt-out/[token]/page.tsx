import { BellOff } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/app/_components/language-switch";
import { verifyOptOut } from "@/server/notify/opt-out-token";
import { getDatabase } from "@/server/tenancy/database";
import { OptOutForm } from "./opt-out-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reminders.optOut"))("title"), robots: { index: false } };
}

/**
 * The link in every reminder. Opening it changes nothing (mail scanners open links); the patient
 * confirms with one button, and the withdrawal is recorded immediately.
 */
export default async function OptOutPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("reminders.optOut");
  const optOut = verifyOptOut(decodeURIComponent(token));
  const tenant = optOut ? await (await getDatabase()).control.selectFrom("tenants").select(["name"]).where("id", "=", optOut.tenantId).executeTakeFirst() : undefined;
  return (
    <div className="flex min-h-screen flex-col bg-slate-50">
      <header className="flex h-14 items-center justify-end px-4">
        <LanguageSwitch />
      </header>
      <main id="main" className="flex flex-1 flex-col items-center px-4 pt-6 pb-16">
        <div className="w-full max-w-md rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="flex items-center gap-2 text-xl font-semibold text-slate-900">
            <BellOff aria-hidden className="size-5 text-primary-700" />
            {t("title")}
          </h1>
          {optOut && tenant ? (
            <OptOutForm token={decodeURIComponent(token)} hospital={tenant.name} purpose={t(`purposes.${optOut.purpose}`)} />
          ) : (
            <p role="alert" className="mt-4 text-sm text-red-800">
              {t("invalid")}
            </p>
          )}
        </div>
      </main>
    </div>
  );
}
