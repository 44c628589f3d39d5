import { TRPCError } from "@trpc/server";
import { CalendarClock, CheckCircle2, Contact, CreditCard, ListTodo, UserRound } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDate } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { NoAccess } from "../../_components/no-access";
import { requireTenant } from "../../_lib/require-tenant";
import { MaskedValue } from "../_components/masked-value";
import { CardStatusBadge } from "../_components/patient-ui";
import { formatIsoDate } from "../_components/format-iso-date";
import { CareTabs } from "./care/care-tabs";
import { PatientResultsSection } from "./patient-results-section";
import { PatientForms } from "./patient-forms";
import { ConsentPanel } from "./consent-panel";
import { PatientWorkspace } from "./patient-workspace";
import { RemindersPanel } from "./reminders-panel";
import { FollowupPanel } from "./followup-panel";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("patients.ui.detail"))("title") };
}

export default async function PatientPage({ params, searchParams }: { params: Promise<{ tenant: string; patientId: string }>; searchParams: Promise<{ opened?: string; tasks?: string }> }) {
  const [{ tenant: slug, patientId }, sp] = await Promise.all([params, searchParams]);
  const { tenant, can, caller } = await requireTenant(slug);
  if (!can("patient.read")) return <NoAccess slug={slug} />;
  if (!/^[0-9a-f-]{36}$/i.test(patientId)) notFound();
  const patient = await caller.patient.byId({ patientId }).catch((e: unknown) => {
    if (e instanceof TRPCError && (e.code === "NOT_FOUND" || e.code === "BAD_REQUEST")) notFound();
    throw e;
  });
  const [t, tu, locale] = await Promise.all([getTranslations("patients"), getTranslations("patients.ui.detail"), getLocale()]);
  const canReveal = patient.actions.includes("reveal");
  const card = patient.cards.find((c) => c.status === "active") ?? patient.cards[0] ?? null;

  return (
    <>
      <nav aria-label={tu("breadcrumb")} className="mb-2 text-sm">
        <Link href={`/h/${slug}/patients`} className="text-primary-700 underline decoration-primary-300 underline-offset-2 hover:decoration-primary-700">
          {t("title")}
        </Link>
        <span aria-hidden className="mx-1.5 text-slate-400">/</span>
        <span aria-current="page" className="text-slate-600">
          {patient.nameMasked}
        </span>
      </nav>
      {sp.opened ? (
        <Alert tone="success" className="mb-4">
          <p className="font-medium">{tu("openedTitle", { card: sp.opened })}</p>
          <p className="mt-0.5">
            {patient.manager ? tu("openedManager", { manager: patient.manager.name }) : tu("openedNoManager")}
            {sp.tasks && Number(sp.tasks) > 0 ? ` ${tu("openedTasks", { count: Number(sp.tasks) })}` : ""}
          </p>
        </Alert>
      ) : null}

      <header className="mb-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <div className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
          <div className="flex min-w-0 items-start gap-3">
            <span className="flex size-12 shrink-0 items-center justify-center rounded-full bg-primary-50 text-primary-700">
              <UserRound aria-hidden className="size-6" />
            </span>
            <div className="min-w-0">
              <h1 className="flex flex-wrap items-baseline gap-x-2 text-2xl font-semibold tracking-tight text-slate-900">
                <MaskedValue patientId={patient.id} field="name" masked={patient.nameMasked} canReveal={canReveal} />
              </h1>
              <p className="mt-0.5 text-sm text-slate-600">
                {t(`sex.${patient.sex}`)}
                {patient.age !== null ? ` · ${tu("age", { age: patient.age })}` : ""}
                {patient.birthDate ? ` · ${tu("born", { date: formatIsoDate(patient.birthDate, locale) })}` : ""}
                {patient.status === "archived" ? ` · ${tu("archived")}` : ""}
              </p>
              <div className="mt-2 flex flex-wrap items-center gap-2">
                {card ? (
                  <>
                    <span className="inline-flex items-center gap-1.5 text-sm font-medium text-slate-800">
                      <CreditCard aria-hidden className="size-4 text-slate-500" />
                      {card.level}
                    </span>
                    <CardStatusBadge status={card.status} />
                    <span className="text-xs text-slate-600">{tu("validTo", { date: formatIsoDate(card.validTo, locale) })}</span>
                  </>
                ) : (
                  <span className="text-sm text-slate-600">{tu("noCard")}</span>
                )}
              </div>
            </div>
          </div>
          <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3 lg:min-w-[26rem]">
            <div>
              <dt className="text-xs text-slate-600">{t("list.filters.manager")}</dt>
              <dd className="font-medium text-slate-900">{patient.manager?.name ?? tu("unassigned")}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">{tu("department")}</dt>
              <dd className="text-slate-900">{patient.department?.name ?? "—"}</dd>
            </div>
            <div>
              <dt className="flex items-center gap-1 text-xs text-slate-600">
                <ListTodo aria-hidden className="size-3.5" />
                {tu("openTasks")}
              </dt>
              <dd className="text-slate-900 tabular-nums">{patient.openTaskCount}</dd>
            </div>
            <div>
              <dt className="flex items-center gap-1 text-xs text-slate-600">
                <CalendarClock aria-hidden className="size-3.5" />
                {t("list.filters.lastContact")}
              </dt>
              <dd className="text-slate-900">{patient.lastContactAt ? formatDate(patient.lastContactAt, locale, tenant.timeZone) : tu("never")}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">{tu("registered")}</dt>
              <dd className="text-slate-900">{formatDate(patient.createdAt, locale, tenant.timeZone)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-600">{t("fields.sourceChannel")}</dt>
              <dd className="text-slate-900">{patient.sourceChannel ?? "—"}</dd>
            </div>
          </dl>
        </div>
        <div className="mt-4 grid gap-x-6 gap-y-2 border-t border-slate-100 pt-4 text-sm sm:grid-cols-2 xl:grid-cols-4">
          {(
            [
              ["phone", patient.phoneMasked],
              ["idNumber", patient.idNumberMasked],
              ["email", patient.emailMasked],
              ["address", patient.addressMasked],
            ] as const
          ).map(([field, masked]) => (
            <div key={field} className="min-w-0">
              <p className="flex items-center gap-1 text-xs text-slate-600">
                <Contact aria-hidden className="size-3.5" />
                {t(`fields.${field}`)}
              </p>
              <MaskedValue patientId={patient.id} field={field} masked={masked} canReveal={canReveal} className="text-slate-900" />
            </div>
          ))}
          {patient.hasEmergencyContact ? (
            <div className="min-w-0">
              <p className="flex items-center gap-1 text-xs text-slate-600">
                <CheckCircle2 aria-hidden className="size-3.5" />
                {t("fields.emergencyContact")}
              </p>
              <MaskedValue patientId={patient.id} field="emergencyContact" masked={tu("hidden")} canReveal={canReveal} className="text-slate-900" />
            </div>
          ) : null}
        </div>
      </header>

      <PatientResultsSection
        patientId={patient.id}
        slug={slug}
        timeZone={tenant.timeZone}
        canReadResults={can("results.read")}
        canEnter={can("results.enter")}
        canReadAbnormal={can("abnormal.read")}
        canResolve={can("abnormal.resolve")}
      />

      <PatientWorkspace patient={patient} slug={slug} timeZone={tenant.timeZone} canWriteRecord={can("record.write")} canReadRecord={can("record.read")} canCompleteTasks={can("followup.write")} />
      {can("risk.read") ? (
        <CareTabs patientId={patient.id} slug={slug} timeZone={tenant.timeZone} can={{ advice: can("advice.write"), plan: can("plan.write"), summary: can("summary.write"), report: can("report.generate") }} />
      ) : null}
      {can("followup.read") ? (
        <div className="mt-5">
          <FollowupPanel patientId={patient.id} slug={slug} timeZone={tenant.timeZone} canWrite={can("followup.write") && patient.status === "active"} />
        </div>
      ) : null}
      {can("forms.respond") ? (
        <div className="mt-5">
          <PatientForms patientId={patient.id} timeZone={tenant.timeZone} />
        </div>
      ) : null}
      {can("reminder.read") || can("consent.read") ? (
        <section className="mt-5 grid gap-5 lg:grid-cols-[2fr_1fr]" aria-label={tu("engagement")}>
          {can("reminder.read") ? <RemindersPanel patientId={patient.id} timeZone={tenant.timeZone} canWrite={can("reminder.write") && patient.status === "active"} /> : <div />}
          {can("consent.read") ? <ConsentPanel patientId={patient.id} timeZone={tenant.timeZone} canWrite={can("consent.write")} /> : null}
        </section>
      ) : null}
    </>
  );
}
