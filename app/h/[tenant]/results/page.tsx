import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { NoAccess } from "../_components/no-access";
import { requireTenant } from "../_lib/require-tenant";
import { ResultsImport } from "./_components/results-import";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("results") };
}

export default async function Page({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { can } = await requireTenant(slug);
  if (!can("results.read")) return <NoAccess slug={slug} />;
  const t = await getTranslations("results");
  return (
    <>
      <PageHeader title={t("title")} description={t("subtitle")} />
      {can("results.import") ? <ResultsImport /> : null}
    </>
  );
}
