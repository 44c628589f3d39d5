"use client";

import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { CenteredNotice } from "./_components/centered-notice";
import { Button } from "./_components/ui/button";

/** Route-level error boundary: no stack or message from the server is shown, only the digest as a reference. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  const tc = useTranslations("common");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <CenteredNotice
      appName={tc("appName")}
      icon={AlertTriangle}
      tone="attention"
      title={t("errorTitle")}
      actions={
        <>
          <Button onClick={() => reset()}>{tc("retry")}</Button>
          <Button asChild variant="secondary">
            <Link href="/">{t("goHome")}</Link>
          </Button>
        </>
      }
    >
      <p>{t("errorBody")}</p>
      {error.digest ? <p className="mt-2 font-mono text-xs text-slate-500">{t("errorReference", { digest: error.digest })}</p> : null}
    </CenteredNotice>
  );
}
