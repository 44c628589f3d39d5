import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { Card, CardContent } from "@/app/_components/ui/card";
import { getSessionUser } from "@/server/auth/session";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signIn.title") };
}

export default async function SignInPage() {
  if (await getSessionUser()) redirect("/");
  const t = await getTranslations("auth");
  return (
    <Card>
      <CardContent className="px-6 py-7 sm:px-8">
        <h1 className="text-xl font-semibold text-slate-900">{t("signIn.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("signIn.subtitle")}</p>
        <SignInForm />
      </CardContent>
    </Card>
  );
}
