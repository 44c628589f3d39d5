import { ArrowRight, Building, KeyRound, ShieldAlert, ShieldCheck, Users } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { formatDateTime, formatTimestamp, hourIn } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { AbnormalDashboardCard } from "./_components/abnormal/abnormal-dashboard-card";
import { OutcomeBadge } from "./_components/outcome-badge";
import { TenantClock } from "./_components/tenant-clock";
import { auditActionLabel } from "./_lib/audit-labels";
import { requireTenant, tenantDisplayName } from "./_lib/require-tenant";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

function settle<T>(enabled: boolean, run: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false } | null> {
  if (!enabled) return Promise.resolve(null);
  return run().then(
    (value) => ({ ok: true as const, value }),
    () => ({ ok: false as const }),
  );
}

export default async function DashboardPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { user, tenant, caller, can } = await requireTenant(slug);
  const [locale, t, tc, tp] = await Promise.all([getLocale(), getTranslations("dashboard"), getTranslations("common"), getTranslations("privacy")]);

  const [staff, departments, security, audit] = await Promise.all([
    settle(can("staff.read"), () => caller.dashboard.staffCount()),
    settle(can("department.read"), () => caller.dashboard.departmentCount()),
    settle(true, () => caller.dashboard.mySecurity()),
    settle(can("audit.read"), () => caller.audit.list({ limit: 6 })),
  ]);

  const now = new Date();
  const hour = hourIn(now, tenant.timeZone);
  const period = hour < 12 ? t("periodMorning") : hour < 18 ? t("periodAfternoon") : t("periodEvening");
  const roleName = tc(`roles.${tenant.role}` as "roles.doctor");
  const base = `/h/${slug}`;

  const steps: { href: string; label: string }[] = [];
  if (can("department.manage") && departments?.ok && departments.value.count === 0) steps.push({ href: `${base}/settings/departments`, label: t("next.departments") });
  if (can("staff.manage")) steps.push({ href: `${base}/settings/staff`, label: t("next.staff") });
  if (can("audit.read")) steps.push({ href: `${base}/privacy`, label: t("next.audit") });
  if (can("patient.read")) steps.push({ href: `${base}/patients`, label: t("next.patients") });
  if (can("followup.read")) steps.push({ href: `${base}/followups`, label: t("next.followups") });
  if (can("research.export")) steps.push({ href: `${base}/research`, label: t("next.research") });

  return (
    <>
      <header className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("greeting", { period, name: user.name })}</h1>
          <p className="mt-1 text-sm text-slate-600">{t("roleAt", { role: roleName, tenant: tenantDisplayName(tenant, locale) })}</p>
        </div>
        <TenantClock initialIso={now.toISOString()} locale={locale} timeZone={tenant.timeZone} caption={t("localTime", { timeZone: tenant.timeZone })} />
      </header>

      {can("abnormal.read") ? <AbnormalDashboardCard slug={slug} timeZone={tenant.timeZone} canResolve={can("abnormal.resolve")} /> : null}

      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
        {staff ? (
          <StatCard icon={Users} title={t("staff.title")} hint={t("staff.hint")} value={staff.ok ? staff.value.count : null} failed={t("loadFailed")}
            link={{ href: `${base}/settings/staff`, label: t("staff.link") }} />
        ) : null}
        {departments ? (
          <StatCard icon={Building} title={t("departments.title")} hint={t("departments.hint")} value={departments.ok ? departments.value.count : null} failed={t("loadFailed")}
            link={{ href: `${base}/settings/departments`, label: can("department.manage") ? t("departments.link") : t("departments.linkView") }} />
        ) : null}
        <Card>
          <CardContent className="flex h-full flex-col gap-3">
            <div className="flex items-center gap-2 text-sm font-medium text-slate-700">
              <KeyRound aria-hidden className="size-4 text-primary-700" />
              <h2>{t("security.title")}</h2>
            </div>
            {security?.ok ? (
              <>
                <p className={security.value.mfaEnrolled ? "flex items-center gap-1.5 font-semibold text-green-800" : "flex items-center gap-1.5 font-semibold text-amber-800"}>
                  {security.value.mfaEnrolled ? <ShieldCheck aria-hidden className="size-5" /> : <ShieldAlert aria-hidden className="size-5" />}
                  {security.value.mfaEnrolled ? t("security.mfaOn") : t("security.mfaOff")}
                </p>
                <ul className="space-y-1 text-sm text-slate-600">
                  {security.value.mfaEnrolledAt ? <li>{t("security.mfaSince", { date: formatDateTime(security.value.mfaEnrolledAt, locale, tenant.timeZone) })}</li> : null}
                  <li>{t("security.sessions", { count: security.value.activeSessions })}</li>
                  <li>
                    {security.value.lastSignInAt
                      ? t("security.lastSignIn", { time: formatDateTime(security.value.lastSignInAt, locale, tenant.timeZone) })
                      : t("security.firstSignIn")}
                  </li>
                </ul>
              </>
            ) : (
              <p className="text-sm text-slate-600">{t("loadFailed")}</p>
            )}
          </CardContent>
        </Card>
      </div>

      <div className="mt-6 grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        {audit ? (
          <Card>
            <CardHeader className="flex items-center justify-between gap-3">
              <CardTitle>{t("audit.title")}</CardTitle>
              <Link href={`${base}/privacy`} className="inline-flex items-center gap-1 text-sm font-medium text-primary-700 hover:underline">
                {t("audit.viewAll")}
                <ArrowRight aria-hidden className="size-4" />
              </Link>
            </CardHeader>
            {audit.ok ? (
              audit.value.items.length ? (
                <ul className="divide-y divide-slate-100">
                  {audit.value.items.map((e) => (
                    <li key={e.seq} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-2.5 text-sm">
                      <time dateTime={e.occurredAt.toISOString()} className="w-36 shrink-0 font-mono text-xs text-slate-600 tabular-nums">
                        {formatTimestamp(e.occurredAt, tenant.timeZone)}
                      </time>
                      <span className="min-w-0 flex-1 text-slate-800">{auditActionLabel(tp, e.action)}</span>
                      <OutcomeBadge outcome={e.outcome} label={tp(`outcomes.${e.outcome}`)} />
                    </li>
                  ))}
                </ul>
              ) : (
                <CardContent>
                  <p className="text-sm text-slate-600">{t("audit.empty")}</p>
                </CardContent>
              )
            ) : (
              <CardContent>
                <Alert tone="error">{t("loadFailed")}</Alert>
              </CardContent>
            )}
          </Card>
        ) : null}
        {steps.length ? (
          <Card className={audit ? "" : "lg:col-span-2"}>
            <CardHeader>
              <CardTitle>{t("next.title")}</CardTitle>
            </CardHeader>
            <ol className="divide-y divide-slate-100">
              {steps.map((s, i) => (
                <li key={s.label}>
                  <Link href={s.href} className="group flex items-center gap-3 px-5 py-3 text-sm text-slate-800 hover:bg-slate-50">
                    <span aria-hidden className="flex size-6 shrink-0 items-center justify-center rounded-full bg-primary-50 text-xs font-semibold text-primary-800">
                      {i + 1}
                    </span>
                    <span className="flex-1">{s.label}</span>
                    <ArrowRight aria-hidden className="size-4 text-slate-400 group-hover:text-primary-700" />
                  </Link>
                </li>
              ))}
            </ol>
          </Card>
        ) : null}
      </div>
    </>
  );
}

function StatCard({
  icon: Icon,
  title,
  hint,
  value,
  failed,
  link,
}: {
  icon: typeof Users;
  title: string;
  hint: string;
  value: number | null;
  failed: string;
  link: { href: string; label: string };
}): ReactNode {
  return (
    <Card>
      <CardContent className="flex h-full flex-col gap-2">
        <div className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <Icon aria-hidden className="size-4 text-primary-700" />
          <h2>{title}</h2>
        </div>
        {value === null ? <p className="text-sm text-slate-600">{failed}</p> : <p className="text-3xl font-semibold tabular-nums text-slate-900">{value}</p>}
        <p className="text-xs text-slate-600">{hint}</p>
        <Link href={link.href} className="mt-auto inline-flex items-center gap-1 pt-1 text-sm font-medium text-primary-700 hover:underline">
          {link.label}
          <ArrowRight aria-hidden className="size-4" />
        </Link>
      </CardContent>
    </Card>
  );
}
