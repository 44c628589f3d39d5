import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { NoAccess } from "../../_components/no-access";
import { requireTenant } from "../../_lib/require-tenant";
import { RuleEditor } from "./rule-editor";

export async function generateMetadata({ params }: { params: Promise<{ ruleId: string }> }): Promise<Metadata> {
  const t = await getTranslations("rules.editor");
  return { title: (await params).ruleId === "new" ? t("newTitle") : t("editTitle") };
}

export default async function RuleEditorPage({ params }: { params: Promise<{ tenant: string; ruleId: string }> }) {
  const { tenant: slug, ruleId } = await params;
  const { can, caller, tenant } = await requireTenant(slug);
  if (!can("rules.manage")) return <NoAccess slug={slug} />;
  if (ruleId !== "new" && !/^[0-9a-f-]{36}$/i.test(ruleId)) notFound();
  const [t, facts, tags, rule] = await Promise.all([
    getTranslations("rules.editor"),
    caller.rules.facts(),
    // The catalogue includes sensitive tags (e.g. a positive depression screen): rules may set them.
    can("tag.manage") ? caller.tag.catalogue() : caller.tag.list(),
    ruleId === "new"
      ? Promise.resolve(null)
      : caller.rules.get({ id: ruleId }).catch((e: unknown) => {
          if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
          throw e;
        }),
  ]);
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href={`/h/${slug}/rules`} className="text-primary-700 underline decoration-primary-300 underline-offset-2">
          {t("back")}
        </Link>
      </nav>
      <RuleEditor slug={slug} timeZone={tenant.timeZone} facts={facts} tags={tags.map((tag) => ({ id: tag.id, name: tag.name }))} initial={rule} />
    </>
  );
}
