import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { AbnormalWorklist } from "../../_components/abnormal/abnormal-worklist";
import { NoAccess } from "../../_components/no-access";
import { requireTenant } from "../../_lib/require-tenant";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("abnormal"))("title") };
}

/** 重要异常结果: every open item in the caller's scope, oldest first. */
export default async function AbnormalPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { tenant, can } = await requireTenant(slug);
  if (!can("abnormal.read")) return <NoAccess slug={slug} />;
  const t = await getTranslations("abnormal");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <AbnormalWorklist slug={slug} timeZone={tenant.timeZone} canResolve={can("abnormal.resolve")} />
    </>
  );
}
