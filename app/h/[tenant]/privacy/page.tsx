import { FileSearch, Handshake, ShieldAlert, UserCheck } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/app/_components/ui/page-header";
import { NoAccess } from "../_components/no-access";
import { requireTenant } from "../_lib/require-tenant";
import { AuditLog } from "./audit-log";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy"))("title") };
}

export default async function PrivacyPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { tenant, can } = await requireTenant(slug);
  if (!can("audit.read")) return <NoAccess slug={slug} />;
  const t = await getTranslations("privacy");
  const more = [
    { icon: UserCheck, text: t("more.reviews") },
    { icon: FileSearch, text: t("more.requests") },
    { icon: ShieldAlert, text: t("more.breaches") },
    { icon: Handshake, text: t("more.vendors") },
  ];
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <AuditLog timeZone={tenant.timeZone} />
      <section aria-labelledby="privacy-more" className="mt-8">
        <h2 id="privacy-more" className="text-base font-semibold text-slate-900">
          {t("more.title")}
        </h2>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2">
          {more.map((m) => (
            <li key={m.text} className="flex items-center gap-2.5 rounded-md border border-slate-200 bg-white px-3 py-2.5 text-sm text-slate-700">
              <m.icon aria-hidden className="size-4 shrink-0 text-primary-700" />
              {m.text}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
