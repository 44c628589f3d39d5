import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { Card, CardContent } from "@/app/_components/ui/card";
import { getPreAuthTicket } from "@/server/auth/pre-auth-cookie";
import { MfaForm } from "./mfa-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("mfa.title") };
}

export default async function MfaPage() {
  const ticket = await getPreAuthTicket();
  if (!ticket) redirect("/sign-in");
  if (ticket.stage === "enrol" || ticket.stage === "verified") redirect("/mfa/enrol");
  const t = await getTranslations("auth");
  return (
    <Card>
      <CardContent className="px-6 py-7 sm:px-8">
        <h1 className="text-xl font-semibold text-slate-900">{t("mfa.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("mfa.subtitle")}</p>
        <MfaForm />
      </CardContent>
    </Card>
  );
}
