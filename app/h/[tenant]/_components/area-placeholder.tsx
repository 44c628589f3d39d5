import { CheckCircle2, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent } from "@/app/_components/ui/card";
import { PageHeader } from "@/app/_components/ui/page-header";

type Area = "patients" | "results" | "forms" | "rules" | "research";

/** An area that has no data yet: says what it will hold and what to do now. */
export async function AreaPlaceholder({ area, icon: Icon, actionHref }: { area: Area; icon: LucideIcon; actionHref: string }) {
  const t = await getTranslations(`dashboard.areas.${area}`);
  const tc = await getTranslations("common");
  const points = [t("point1"), t("point2"), t("point3")];
  return (
    <>
      <PageHeader title={t("title")} description={t("lead")} />
      <Card className="overflow-hidden">
        <div className="grid gap-0 md:grid-cols-[minmax(0,1fr)_minmax(0,20rem)]">
          <CardContent className="p-6">
            <div className="mb-4 flex items-center gap-3">
              <span className="flex size-10 items-center justify-center rounded-full bg-primary-50 text-primary-700">
                <Icon aria-hidden className="size-5" />
              </span>
              <h2 className="text-base font-semibold text-slate-900">{tc("whatHere")}</h2>
            </div>
            <ul className="space-y-3">
              {points.map((p) => (
                <li key={p} className="flex gap-2.5 text-sm text-slate-700">
                  <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-primary-600" />
                  <span>{p}</span>
                </li>
              ))}
            </ul>
          </CardContent>
          <div className="border-t border-slate-100 bg-slate-50 p-6 md:border-t-0 md:border-l">
            <h2 className="text-sm font-semibold text-slate-900">{tc("meanwhile")}</h2>
            <p className="mt-2 text-sm text-slate-700">{t("meanwhile")}</p>
            <Button asChild variant="secondary" size="sm" className="mt-4">
              <Link href={actionHref}>{t("action")}</Link>
            </Button>
          </div>
        </div>
      </Card>
    </>
  );
}
