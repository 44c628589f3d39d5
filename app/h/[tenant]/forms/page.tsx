import { ClipboardList } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AreaPlaceholder } from "../_components/area-placeholder";
import { NoAccess } from "../_components/no-access";
import { requireTenant } from "../_lib/require-tenant";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("forms") };
}

export default async function Page({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { can } = await requireTenant(slug);
  if (!(can("forms.read") || can("forms.manage"))) return <NoAccess slug={slug} />;
  return <AreaPlaceholder area="forms" icon={ClipboardList} actionHref={`/h/${slug}`} />;
}
