import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitch } from "@/app/_components/language-switch";
import { UserMenu } from "@/app/_components/user-menu";
import { serverCaller } from "@/app/_trpc/server";
import { signOutAction } from "@/server/auth/actions";
import { getSessionUser } from "@/server/auth/session";
import { PatientSearchPalette } from "./_components/patient-search-palette";
import { StaffShell } from "./_components/staff-shell";
import { TenantSwitcher } from "./_components/tenant-switcher";
import { visibleNav } from "./_lib/navigation";
import { lookupTenant, tenantDisplayName } from "./_lib/require-tenant";

/**
 * Staff chrome. Every page still calls requireTenant() itself (the gate lives in pages); the layout
 * also answers 404 / sign-in early, because once the loading boundary starts streaming the page's own
 * notFound() could no longer change the HTTP status. A suspended tenant renders the page bare.
 */
export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const lookup = await lookupTenant(slug);
  if (lookup.status === "not_found") notFound();
  if (lookup.status !== "ok") return <>{children}</>;

  const tenant = lookup.tenant;
  const [locale, t, tc, myTenants] = await Promise.all([
    getLocale(),
    getTranslations("nav"),
    getTranslations("common"),
    (await serverCaller(slug)).account.myTenants().catch(() => []),
  ]);
  const base = `/h/${tenant.slug}`;
  const nav = visibleNav(tenant.permissions).map((e) => ({
    key: e.key,
    group: e.group,
    href: e.segment ? `${base}/${e.segment}` : base,
    label: t(e.key),
  }));
  const roleLabel = tc(`roles.${tenant.role}` as "roles.doctor");

  return (
    <StaffShell
      appName={tc("appName")}
      tenantName={tenantDisplayName(tenant, locale)}
      nav={nav}
      groupLabels={{ work: t("groupWork"), governance: t("groupGovernance") }}
      labels={{ main: t("main"), openMenu: t("openMenu"), closeMenu: t("closeMenu"), skip: tc("skipToContent") }}
      topBar={
        <>
          <div className="min-w-0 flex-1">
            <TenantSwitcher current={{ slug: tenant.slug, name: tenant.name, nameEn: tenant.nameEn }} tenants={myTenants} />
          </div>
          {tenant.permissions.includes("patient.read") ? <PatientSearchPalette slug={tenant.slug} /> : null}
          <LanguageSwitch />
          <UserMenu name={user.name} email={user.email} roleLabel={roleLabel} signOutAction={signOutAction} />
        </>
      }
    >
      {children}
    </StaffShell>
  );
}
