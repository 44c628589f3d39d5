import { ClipboardList, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { NoAccess } from "../_components/no-access";
import { requireTenant } from "../_lib/require-tenant";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("forms") };
}

export default async function FormsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { can, caller } = await requireTenant(slug);
  if (!can("forms.read")) return <NoAccess slug={slug} />;
  const [t, locale, forms] = await Promise.all([getTranslations("forms.list"), getLocale(), caller.forms.list({ includeArchived: false })]);
  const lang = locale === "en" ? "en" : "zh-CN";
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          can("forms.manage") ? (
            <Button asChild>
              <Link href={`/h/${slug}/forms/new`}>
                <Plus aria-hidden className="size-4" />
                {t("new")}
              </Link>
            </Button>
          ) : null
        }
      />
      {forms.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {forms.map((f) => (
            <li key={f.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="flex items-center gap-2 font-medium text-slate-900">
                    <ClipboardList aria-hidden className="size-4 shrink-0 text-slate-500" />
                    <span className="truncate">{f.title[lang]}</span>
                  </p>
                  <p className="mt-1 text-xs text-slate-600">
                    <code>{f.code}</code> · {t(`kind.${f.kind}`)}
                  </p>
                </div>
                {f.builtin ? <Badge tone="primary">{t("builtin")}</Badge> : null}
              </div>
              <div className="mt-3 flex flex-wrap items-center gap-2 text-xs">
                <Badge tone={f.currentVersion ? "ok" : "attention"}>{f.currentVersion ? `${t("version")} ${f.currentVersion}` : t("notPublished")}</Badge>
                {f.draftChanged && f.currentVersion ? <Badge tone="attention">{t("draftChanged")}</Badge> : null}
                {f.scoreIds.length ? (
                  <span className="text-slate-600">
                    {t("scores")}: {f.scoreIds.map((s) => `score.${f.code}.${s}`).join(", ")}
                  </span>
                ) : null}
              </div>
              {can("forms.manage") ? (
                <Button asChild size="sm" variant="secondary" className="mt-3">
                  <Link href={`/h/${slug}/forms/${f.id}`}>{t("edit")}</Link>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
