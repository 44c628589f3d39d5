import { ArrowRight, BellRing, Building, ClipboardCheck, FileSignature, FlaskConical, KeyRound, Package, PhoneCall, ServerCog, Tags, Users, Workflow } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card } from "@/app/_components/ui/card";
import { PageHeader } from "@/app/_components/ui/page-header";
import { NoAccess } from "../_components/no-access";
import { navEntryAllowed } from "../_lib/navigation";
import { requireTenant } from "../_lib/require-tenant";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings"))("title") };
}

export default async function SettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { tenant, can } = await requireTenant(slug);
  if (!navEntryAllowed("settings", tenant.permissions)) return <NoAccess slug={slug} />;
  const [t, tm, tf] = await Promise.all([getTranslations("settings"), getTranslations("reminders.settings"), getTranslations("followups.settings")]);
  const base = `/h/${slug}/settings`;

  const sections = [
    can("department.read") ? { href: `${base}/departments`, icon: Building, title: t("departmentsCard"), body: t("departmentsCardBody") } : null,
    can("staff.read") ? { href: `${base}/staff`, icon: Users, title: t("staffCard"), body: t("staffCardBody") } : null,
    can("tag.manage") ? { href: `${base}/tags`, icon: Tags, title: t("tagsCard"), body: t("tagsCardBody") } : null,
    can("settings.manage") || can("messaging.read_outbox") ? { href: `${base}/messaging`, icon: BellRing, title: tm("messagingCard"), body: tm("messagingCardBody") } : null,
    can("settings.manage") ? { href: `${base}/followups`, icon: PhoneCall, title: tf("card"), body: tf("cardBody") } : null,
    can("jobs.manage") ? { href: `${base}/jobs`, icon: ServerCog, title: tm("jobsCard"), body: tm("jobsCardBody") } : null,
    can("results.catalogue") ? { href: `${base}/indicators`, icon: FlaskConical, title: t("indicatorsCard"), body: t("indicatorsCardBody") } : null,
    can("apikey.manage") ? { href: `${base}/api-keys`, icon: KeyRound, title: t("apiKeysCard"), body: t("apiKeysCardBody") } : null,
  ].filter((s) => s !== null);

  const later = [
    { icon: Workflow, text: t("laterRules") },
    { icon: FileSignature, text: t("laterConsent") },
    { icon: Package, text: t("laterPackages") },
  ];

  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ul className="grid gap-4 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.href}>
            <Card className="h-full transition-shadow focus-within:ring-2 focus-within:ring-primary-200 hover:shadow-md">
              <Link href={s.href} className="flex h-full items-start gap-4 p-5 focus:outline-none">
                <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-primary-50 text-primary-700">
                  <s.icon aria-hidden className="size-5" />
                </span>
                <span className="min-w-0 flex-1">
                  <span className="flex items-center gap-1 text-base font-semibold text-slate-900">
                    {s.title}
                    <ArrowRight aria-hidden className="size-4 text-slate-400" />
                  </span>
                  <span className="mt-1 block text-sm text-slate-600">{s.body}</span>
                </span>
              </Link>
            </Card>
          </li>
        ))}
      </ul>
      <section aria-labelledby="later-settings" className="mt-8">
        <h2 id="later-settings" className="flex items-center gap-2 text-base font-semibold text-slate-900">
          <ClipboardCheck aria-hidden className="size-4 text-primary-700" />
          {t("laterTitle")}
        </h2>
        <p className="mt-1 text-sm text-slate-600">{t("laterBody")}</p>
        <ul className="mt-3 grid gap-2 sm:grid-cols-2">
          {later.map((l) => (
            <li key={l.text} className="flex items-center gap-2.5 rounded-md border border-slate-200 bg-white px-3 py-2.5 text-sm text-slate-700">
              <l.icon aria-hidden className="size-4 shrink-0 text-slate-500" />
              {l.text}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
