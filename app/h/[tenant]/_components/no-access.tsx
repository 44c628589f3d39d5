import { Lock } from "lucide-react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";

/** Shown when a signed-in member opens an area their role does not include. */
export async function NoAccess({ slug }: { slug: string }) {
  const t = await getTranslations("common");
  return (
    <EmptyState icon={Lock} headingLevel={1} title={t("noAccessTitle")} description={t("noAccessBody")} className="mt-8">
      <Button asChild variant="secondary">
        <Link href={`/h/${slug}`}>{t("backToDashboard")}</Link>
      </Button>
    </EmptyState>
  );
}
