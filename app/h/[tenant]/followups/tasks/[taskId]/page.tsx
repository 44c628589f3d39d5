import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { NoAccess } from "../../../_components/no-access";
import { requireTenant } from "../../../_lib/require-tenant";
import { FollowupRecordForm } from "../../_components/followup-record-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("followups"))("record.title") };
}

/** One click from the worklist: the follow-up record form of one task. */
export default async function RecordFollowupPage({ params }: { params: Promise<{ tenant: string; taskId: string }> }) {
  const { tenant: slug, taskId } = await params;
  const { tenant, can } = await requireTenant(slug);
  if (!can("followup.write")) return <NoAccess slug={slug} />;
  if (!/^[0-9a-f-]{36}$/i.test(taskId)) notFound();
  return <FollowupRecordForm slug={slug} taskId={taskId} timeZone={tenant.timeZone} />;
}
