import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { NoAccess } from "../../_components/no-access";
import { requireTenant } from "../../_lib/require-tenant";
import { IndicatorsManager } from "./indicators-manager";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("results.catalogue"))("title") };
}

export default async function IndicatorsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { can } = await requireTenant(slug);
  if (!can("results.read")) return <NoAccess slug={slug} />;
  const [t, ts] = await Promise.all([getTranslations("results.catalogue"), getTranslations("settings")]);
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
      <IndicatorsManager canManage={can("results.catalogue")} />
    </>
  );
}
