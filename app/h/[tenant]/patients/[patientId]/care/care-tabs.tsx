"use client";

import { Download } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { AdvicePanel } from "./advice-panel";
import { PlansPanel } from "./plans-panel";
import { RiskPanel } from "./risk-panel";
import { SummariesPanel } from "./summaries-panel";

const TABS = ["risk", "advice", "plans", "summaries"] as const;
type Tab = (typeof TABS)[number];

/** 健康管理: risk, advice, plans and stage summaries of one patient, plus the printed report. */
export function CareTabs({ patientId, slug, timeZone, can }: { patientId: string; slug: string; timeZone: string; can: { advice: boolean; plan: boolean; summary: boolean; report: boolean } }) {
  const t = useTranslations("care.tabs");
  const tr = useTranslations("report.ui");
  const locale = useLocale();
  const [tab, setTab] = useState<Tab>("risk");
  return (
    <section aria-label={t("label")} className="mt-6">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200">
        <div role="tablist" aria-label={t("label")} className="-mb-px flex gap-1 overflow-x-auto">
          {TABS.map((id) => (
            <button
              key={id}
              role="tab"
              id={`care-tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`care-panel-${id}`}
              onClick={() => setTab(id)}
              className={`border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap ${tab === id ? "border-primary-600 text-primary-800" : "border-transparent text-slate-600 hover:text-slate-900"}`}
            >
              {t(id)}
            </button>
          ))}
        </div>
        {can.report ? (
          <Button asChild variant="secondary" size="sm" className="mb-2">
            <a href={`/h/${slug}/patients/${patientId}/report?locale=${locale === "en" ? "en" : "zh-CN"}`} download>
              <Download aria-hidden className="size-4" />
              {tr("download")}
            </a>
          </Button>
        ) : null}
      </div>
      <div role="tabpanel" id={`care-panel-${tab}`} aria-labelledby={`care-tab-${tab}`}>
        {tab === "risk" ? <RiskPanel patientId={patientId} timeZone={timeZone} /> : null}
        {tab === "advice" ? <AdvicePanel patientId={patientId} timeZone={timeZone} canWrite={can.advice} /> : null}
        {tab === "plans" ? <PlansPanel patientId={patientId} canWrite={can.plan} /> : null}
        {tab === "summaries" ? <SummariesPanel patientId={patientId} timeZone={timeZone} canWrite={can.summary} /> : null}
      </div>
    </section>
  );
}
