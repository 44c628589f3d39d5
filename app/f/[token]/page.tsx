import type { Metadata } from "next";
import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/app/_components/language-switch";
import { requestMetaFromHeaders } from "@/server/api/request-meta";
import { LinkRefused, openLink } from "@/server/modules/forms/form-link.service";
import { getDatabase } from "@/server/tenancy/database";
import { LinkForm } from "./link-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("forms.fill"))("pageTitle"), robots: { index: false, follow: false }, referrer: "no-referrer" };
}

/** The patient's form, reached through a signed, expiring link (no staff session). Mobile first. */
export default async function FormLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [t, te, locale] = await Promise.all([getTranslations("forms.fill"), getTranslations("errors"), getLocale()]);
  const { requestId, ip, userAgent } = requestMetaFromHeaders(await headers());
  let view: Awaited<ReturnType<typeof openLink>> | null = null;
  let refused: "invalid" | "expired" | null = null;
  try {
    view = await openLink(await getDatabase(), decodeURIComponent(token), { requestId, ip, userAgent });
  } catch (error) {
    if (!(error instanceof LinkRefused)) throw error;
    refused = error.reason;
  }
  return (
    <main className="mx-auto min-h-screen max-w-xl bg-white px-4 py-6 sm:py-10">
      <div className="mb-4 flex items-center justify-between gap-3">
        <p className="text-sm font-medium text-primary-800">{view?.tenantName ?? t("brand")}</p>
        <LanguageSwitch />
      </div>
      {refused ? (
        <div role="alert" className="rounded-lg border border-amber-200 bg-amber-50 p-4 text-amber-950">
          <h1 className="text-lg font-semibold">{t(refused === "expired" ? "expiredTitle" : "invalidTitle")}</h1>
          <p className="mt-1 text-sm">{te(refused === "expired" ? "formLinkExpired" : "formLinkInvalid")}</p>
        </div>
      ) : view ? (
        <LinkForm token={decodeURIComponent(token)} document={view.document} initialAnswers={view.answers} status={view.status} scores={view.scores} locale={locale === "en" ? "en" : "zh-CN"} />
      ) : null}
    </main>
  );
}
