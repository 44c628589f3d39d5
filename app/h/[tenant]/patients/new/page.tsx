import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { NoAccess } from "../../_components/no-access";
import { requireTenant } from "../../_lib/require-tenant";
import { OpenCardForm } from "./open-card-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("patients.ui.openCard"))("title") };
}

export default async function OpenCardPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { tenant, can } = await requireTenant(slug);
  if (!can("patient.write")) return <NoAccess slug={slug} />;
  const [t, tp] = await Promise.all([getTranslations("patients.ui.openCard"), getTranslations("patients.ui.list")]);
  return (
    <>
      <nav aria-label={tp("title")} className="mb-2 text-sm">
        <Link href={`/h/${slug}/patients`} className="text-primary-700 underline decoration-primary-300 underline-offset-2 hover:decoration-primary-700">
          {tp("title")}
        </Link>
        <span aria-hidden className="mx-1.5 text-slate-400">/</span>
        <span aria-current="page" className="text-slate-600">{t("title")}</span>
      </nav>
      <PageHeader title={t("title")} description={t("description")} />
      <OpenCardForm slug={slug} timeZone={tenant.timeZone} canPickDepartment={can("department.read")} />
    </>
  );
}
