"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/app/_components/ui/button";
import { confirmOptOut } from "./actions";

export function OptOutForm({ token, hospital, purpose }: { token: string; hospital: string; purpose: string }) {
  const t = useTranslations("reminders.optOut");
  const [state, setState] = useState<"ask" | "done" | "invalid">("ask");
  const [pending, start] = useTransition();
  if (state === "done") return <p role="status" className="mt-4 text-base text-green-800">✓ {t("done", { hospital, purpose })}</p>;
  if (state === "invalid") return <p role="alert" className="mt-4 text-sm text-red-800">{t("invalid")}</p>;
  return (
    <div className="mt-4 space-y-5">
      <p className="text-base text-slate-800">{t("confirm", { hospital, purpose })}</p>
      <Button
        size="lg"
        className="w-full"
        disabled={pending}
        onClick={() => start(async () => setState((await confirmOptOut(token)).ok ? "done" : "invalid"))}
      >
        {t("button")}
      </Button>
    </div>
  );
}
