import { Building2 } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { CenteredNotice } from "@/app/_components/centered-notice";
import { Button } from "@/app/_components/ui/button";
import { signOutAction } from "@/server/auth/actions";
import { getSessionUser } from "@/server/auth/session";
import { firstActiveTenantSlug } from "@/server/auth/landing";
import { getDatabase } from "@/server/tenancy/database";

/** `/`: operators to /admin/tenants, staff to their first active tenant, everyone else to /sign-in. */
export default async function Home() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  if (user.isPlatformOperator) redirect("/admin/tenants");
  const slug = await firstActiveTenantSlug(await getDatabase(), user.id);
  if (slug) redirect(`/h/${slug}`);
  const [t, common] = await Promise.all([getTranslations("auth"), getTranslations("common")]);
  return (
    <CenteredNotice
      appName={common("appName")}
      icon={Building2}
      tone="attention"
      title={t("home.noTenantTitle")}
      actions={
        <form action={signOutAction}>
          <Button type="submit" variant="secondary">
            {t("home.signOut")}
          </Button>
        </form>
      }
    >
      {t("home.noTenantBody")}
    </CenteredNotice>
  );
}
