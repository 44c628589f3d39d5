import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { requireOperator } from "../_lib/require-operator";
import { TenantsManager } from "./tenants-manager";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.tenants"))("title") };
}

const COMMON_ZONES = ["Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "UTC"];

export default async function AdminTenantsPage() {
  await requireOperator();
  const t = await getTranslations("admin");
  const all = Intl.supportedValuesOf("timeZone");
  return (
    <>
      <PageHeader eyebrow={t("title")} title={t("tenants.title")} description={t("tenants.description")} />
      <TenantsManager commonZones={COMMON_ZONES.filter((z) => z === "UTC" || all.includes(z))} allZones={all} />
      <p className="mt-8 text-xs text-slate-600">{t("noPatientData")}</p>
    </>
  );
}
