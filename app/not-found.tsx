import { SearchX } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { CenteredNotice } from "./_components/centered-notice";
import { Button } from "./_components/ui/button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("errors"))("pageNotFoundTitle") };
}

export default async function NotFound() {
  const [t, tc] = await Promise.all([getTranslations("errors"), getTranslations("common")]);
  return (
    <CenteredNotice
      appName={tc("appName")}
      icon={SearchX}
      title={t("pageNotFoundTitle")}
      actions={
        <Button asChild>
          <Link href="/">{t("goHome")}</Link>
        </Button>
      }
    >
      <p>{t("pageNotFoundBody")}</p>
      <p className="mt-2 font-mono text-xs text-slate-500">404</p>
    </CenteredNotice>
  );
}
