"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/app/_trpc/client";

/** The latest bulk re-run with a progress bar; polls every second while it is queued or running. */
export function RerunProgress({ onFinished }: { onFinished?: () => void }) {
  const t = useTranslations("rules.page");
  const trpc = useTRPC();
  const run = useQuery({
    ...trpc.rules.run.queryOptions(),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === "queued" || q.state.data.status === "running") ? 1000 : false),
  });
  const status = run.data?.status;
  const previous = useRef(status);
  useEffect(() => {
    if (previous.current && previous.current !== "done" && status === "done") onFinished?.();
    previous.current = status;
  }, [status, onFinished]);

  if (!run.data) return <p className="text-sm text-slate-600">{t("runNone")}</p>;
  const { processed, total, changed } = run.data;
  const percent = total > 0 ? Math.min(100, Math.round((processed / total) * 100)) : status === "done" ? 100 : 0;
  return (
    <div className="min-w-0 flex-1 space-y-1.5" data-testid="rerun-progress">
      <p className="text-sm text-slate-700" aria-live="polite">
        {t("run", { status: t(`runStatus.${run.data.status}`), processed, total, changed })}
      </p>
      <div role="progressbar" aria-label={t("progressLabel")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-2 max-w-md overflow-hidden rounded-full bg-slate-100">
        <div className="h-full rounded-full bg-primary-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
