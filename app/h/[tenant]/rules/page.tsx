import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button } from "@/app/_components/ui/button";
import { PageHeader } from "@/app/_components/ui/page-header";
import { NoAccess } from "../_components/no-access";
import { requireTenant } from "../_lib/require-tenant";
import { RuleList } from "./rule-list";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("rules") };
}

export default async function RulesPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { can } = await requireTenant(slug);
  if (!can("rules.manage")) return <NoAccess slug={slug} />;
  const t = await getTranslations("rules.page");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Button asChild>
            <Link href={`/h/${slug}/rules/new`}>
              <Plus aria-hidden className="size-4" />
              {t("new")}
            </Link>
          </Button>
        }
      />
      <RuleList slug={slug} />
    </>
  );
}
