import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { NoAccess } from "../_components/no-access";
import { requireTenant } from "../_lib/require-tenant";
import { FollowupWorklist } from "./_components/followup-worklist";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("followups"))("title") };
}

/** The health manager's worklist: overdue, due today, upcoming; by patient (?patient=<id>) and by type. */
export default async function FollowupsPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ patient?: string }> }) {
  const { tenant: slug } = await params;
  const { patient } = await searchParams;
  const { tenant, can } = await requireTenant(slug);
  if (!can("followup.read")) return <NoAccess slug={slug} />;
  const t = await getTranslations("followups");
  const patientId = patient && /^[0-9a-f-]{36}$/i.test(patient) ? patient : undefined;
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <FollowupWorklist slug={slug} timeZone={tenant.timeZone} seesAll={can("patient.read_all")} canRecord={can("followup.write")} patientId={patientId} />
    </>
  );
}
