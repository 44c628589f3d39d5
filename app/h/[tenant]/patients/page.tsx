import { UserPlus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { NoAccess } from "../_components/no-access";
import { requireTenant } from "../_lib/require-tenant";
import { HandoverPanel } from "./_components/handover-panel";
import { PatientList } from "./_components/patient-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("patients") };
}

export default async function PatientsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { tenant, can } = await requireTenant(slug);
  if (!can("patient.read")) return <NoAccess slug={slug} />;
  const t = await getTranslations("patients.ui");
  return (
    <>
      <PageHeader
        title={t("list.title")}
        description={can("patient.read_all") ? t("list.descriptionAll") : t("list.descriptionPanel")}
        actions={
          can("patient.write") || can("patient.assign") ? (
            <div className="flex flex-wrap gap-2">
              {can("patient.assign") ? <HandoverPanel /> : null}
              {can("patient.write") ? (
                <Button asChild>
                  <Link href={`/h/${slug}/patients/new`}>
                    <UserPlus aria-hidden className="size-4" />
                    {t("openCard.action")}
                  </Link>
                </Button>
              ) : null}
            </div>
          ) : null
        }
      />
      <PatientList slug={slug} timeZone={tenant.timeZone} canWrite={can("patient.write")} canAssign={can("patient.assign")} />
    </>
  );
}
