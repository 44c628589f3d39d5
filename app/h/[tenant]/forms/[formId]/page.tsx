import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { NoAccess } from "../../_components/no-access";
import { requireTenant } from "../../_lib/require-tenant";
import { FormBuilder } from "./form-builder";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("forms.builder"))("newTitle") };
}

export default async function FormBuilderPage({ params }: { params: Promise<{ tenant: string; formId: string }> }) {
  const { tenant: slug, formId } = await params;
  const { can, caller } = await requireTenant(slug);
  if (!can("forms.manage")) return <NoAccess slug={slug} />;
  const t = await getTranslations("forms.builder");
  let initial = null;
  if (formId !== "new") {
    if (!/^[0-9a-f-]{36}$/i.test(formId)) notFound();
    initial = await caller.forms.get({ id: formId }).catch((e: unknown) => {
      if (e instanceof TRPCError && e.code === "NOT_FOUND") notFound();
      throw e;
    });
  }
  return (
    <>
      <nav className="mb-2 text-sm">
        <Link href={`/h/${slug}/forms`} className="text-primary-700 underline decoration-primary-300 underline-offset-2">
          {t("back")}
        </Link>
      </nav>
      <FormBuilder slug={slug} initial={initial} />
    </>
  );
}
