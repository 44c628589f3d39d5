import { FlaskConical } from "lucide-react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AreaPlaceholder } from "../_components/area-placeholder";
import { NoAccess } from "../_components/no-access";
import { requireTenant } from "../_lib/require-tenant";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("results") };
}

export default async function Page({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { can } = await requireTenant(slug);
  if (!(can("results.read"))) return <NoAccess slug={slug} />;
  return <AreaPlaceholder area="results" icon={FlaskConical} actionHref={`/h/${slug}`} />;
}
