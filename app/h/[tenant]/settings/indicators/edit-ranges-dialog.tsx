"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/app/_components/server-errors";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import { RangeEditor } from "./range-editor";
import { parseRanges, toRow, type RangeProblem, type RangeRow, type RangeValue } from "./range-rows";

export interface IndicatorForRanges {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  ranges: RangeValue[];
}

/** Replaces the default ranges of one indicator; results already stored keep the range they were flagged with. */
export function EditRangesDialog({ indicator, onClose }: { indicator: IndicatorForRanges; onClose: () => void }) {
  const t = useTranslations("results.catalogue");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [rows, setRows] = useState<RangeRow[]>(indicator.ranges.map(toRow));
  const [problems, setProblems] = useState<Record<number, RangeProblem>>({});
  const [error, setError] = useState<string | null>(null);
  const name = locale === "en" ? indicator.nameEn : indicator.nameZh;
  const save = useMutation(
    trpc.results.updateRanges.mutationOptions({
      onSuccess: async () => {
        toast.show({ tone: "success", message: t("rangesSaved", { name }) });
        await qc.invalidateQueries({ queryKey: trpc.results.catalogue.queryKey() });
        onClose();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const parsed = parseRanges(rows);
    setProblems(parsed.problems);
    if (Object.keys(parsed.problems).length) return setError(t("fixRows"));
    setError(null);
    save.mutate({ indicatorId: indicator.id, ranges: parsed.values });
  }

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="max-w-3xl" title={t("editRangesOf", { name, code: indicator.code })} description={t("editRangesHint")} closeLabel={tc("close")}>
        <form onSubmit={submit} noValidate className="space-y-4">
          {error ? <Alert tone="error">{error}</Alert> : null}
          <RangeEditor rows={rows} onChange={setRows} problems={problems} unit={indicator.unit} />
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? tc("saving") : t("save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
