"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ChartLine, Plus, Siren } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import { AbnormalItemsTable } from "../../_components/abnormal/abnormal-items-table";
import { ManualMeasurementDialog } from "./manual-measurement-dialog";
import { PatientTrends } from "./trends/patient-trends";

/** Results on the patient page: open 重要异常结果 items, manual measurement entry, 历年指标趋势. */
export function PatientResultsSection({
  patientId,
  slug,
  timeZone,
  canReadResults,
  canEnter,
  canReadAbnormal,
  canResolve,
}: {
  patientId: string;
  slug: string;
  timeZone: string;
  canReadResults: boolean;
  canEnter: boolean;
  canReadAbnormal: boolean;
  canResolve: boolean;
}) {
  const t = useTranslations("trends");
  const ta = useTranslations("abnormal");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [entering, setEntering] = useState(false);
  const items = useQuery({ ...trpc.abnormal.forPatient.queryOptions({ patientId }), enabled: canReadAbnormal });

  if (!canReadResults && !canReadAbnormal) return null;
  return (
    <section aria-labelledby="results-title" className="mb-5 space-y-5">
      {canReadAbnormal && items.data && items.data.length > 0 ? (
        <Card className="border-red-200">
          <CardHeader className="flex items-center justify-between gap-2 py-3">
            <CardTitle className="flex items-center gap-2">
              <Siren aria-hidden className="size-4 text-red-700" />
              {ta("patientTitle", { count: items.data.length })}
            </CardTitle>
          </CardHeader>
          <CardContent className="p-0">
            <AbnormalItemsTable items={items.data} slug={slug} timeZone={timeZone} canResolve={canResolve} showPatient={false} onChanged={() => void items.refetch()} />
          </CardContent>
        </Card>
      ) : null}
      {items.isError ? <Alert tone="error">{errorMessage(items.error)}</Alert> : null}

      {canReadResults ? (
        <Card>
          <CardHeader className="flex flex-wrap items-center justify-between gap-2 py-3">
            <CardTitle id="results-title" className="flex items-center gap-2">
              <ChartLine aria-hidden className="size-4 text-slate-500" />
              {t("title")}
            </CardTitle>
            {canEnter ? (
              <Button size="sm" variant="secondary" onClick={() => setEntering(true)}>
                <Plus aria-hidden className="size-4" />
                {t("manual.open")}
              </Button>
            ) : null}
          </CardHeader>
          <CardContent>
            <PatientTrends patientId={patientId} timeZone={timeZone} />
          </CardContent>
        </Card>
      ) : null}

      {entering ? (
        <ManualMeasurementDialog
          patientId={patientId}
          timeZone={timeZone}
          onClose={() => setEntering(false)}
          onSaved={(r) => {
            setEntering(false);
            const a = r.abnormalItems.filter((i) => i.class === "A").length;
            const b = r.abnormalItems.length - a;
            toast.show({ tone: r.abnormalItems.length ? "error" : "success", message: r.abnormalItems.length ? t("manual.savedAbnormal", { a, b }) : t("manual.saved", { count: r.observationIds.length }) });
            void queryClient.invalidateQueries({ queryKey: trpc.trends.pathKey() });
            void queryClient.invalidateQueries({ queryKey: trpc.abnormal.pathKey() });
          }}
        />
      ) : null}
    </section>
  );
}
