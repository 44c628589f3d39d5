import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { NoAccess } from "../../_components/no-access";
import { requireTenant } from "../../_lib/require-tenant";
import { ApiKeysManager } from "./api-keys-manager";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("results.apiKeys"))("title") };
}

export default async function ApiKeysPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { tenant, can } = await requireTenant(slug);
  if (!can("apikey.manage")) return <NoAccess slug={slug} />;
  const [t, ts] = await Promise.all([getTranslations("results.apiKeys"), getTranslations("settings")]);
  return (
    <>
      <nav aria-label={ts("title")} className="mb-2 text-sm">
        <Link href={`/h/${slug}/settings`} className="text-primary-700 underline decoration-primary-300 underline-offset-2 hover:decoration-primary-700">
          {ts("title")}
        </Link>
        <span aria-hidden className="mx-1.5 text-slate-400">/</span>
        <span aria-current="page" className="text-slate-600">{t("title")}</span>
      </nav>
      <PageHeader title={t("title")} description={t("pageDescription")} />
      <ApiKeysManager timeZone={tenant.timeZone} />
    </>
  );
}
