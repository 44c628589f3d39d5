import { PauseCircle } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CenteredNotice } from "@/app/_components/centered-notice";
import { Button } from "@/app/_components/ui/button";
import { serverCaller } from "@/app/_trpc/server";
import { signOutAction } from "@/server/auth/actions";
import { getSessionUser } from "@/server/auth/session";
import { lookupTenant } from "../_lib/require-tenant";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("errors"))("tenantSuspendedTitle") };
}

/** Shown only to members of a tenant that is actually suspended; anyone else gets a redirect or a 404. */
export default async function SuspendedPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const lookup = await lookupTenant(slug);
  if (lookup.status === "ok") redirect(`/h/${slug}`);
  if (lookup.status === "signed_out") redirect("/sign-in");
  if (lookup.status === "not_found") notFound();

  const [t, tc, locale, others] = await Promise.all([
    getTranslations("errors"),
    getTranslations("common"),
    getLocale(),
    (await serverCaller()).account.myTenants().catch(() => []),
  ]);
  const other = others.find((x) => x.slug !== slug);
  return (
    <CenteredNotice
      appName={tc("appName")}
      icon={PauseCircle}
      tone="attention"
      title={t("tenantSuspendedTitle")}
      actions={
        <>
          {other ? (
            <Button asChild className="h-auto min-h-10 py-2 whitespace-normal">
              <Link href={`/h/${other.slug}`}>
                {t("chooseOther")}: {locale === "en" && other.nameEn ? other.nameEn : other.name}
              </Link>
            </Button>
          ) : null}
          <form action={signOutAction}>
            <Button type="submit" variant="secondary" className="w-full">
              {tc("signOut")}
            </Button>
          </form>
        </>
      }
    >
      <p>{t("tenantSuspendedBody", { slug })}</p>
    </CenteredNotice>
  );
}
