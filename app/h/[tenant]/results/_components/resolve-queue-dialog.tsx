"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { errorMessage } from "@/app/_components/server-errors";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import { useDebounced } from "../../patients/_components/patient-ui";

export interface QueueItem {
  id: string;
  examDate: string;
  observationCount: number;
  source: string;
  nameMasked: string | null;
  cardNo: string | null;
  idNumberMasked: string | null;
  mrn: string | null;
}

interface Picked {
  id: string;
  label: string;
}

/**
 * 选择患者: searches the caller's patients (name, pinyin initials, phone, card or ID number; shown
 * masked, the same scope as the patient list) and assigns the queued report to the one picked. The
 * server writes the observations through the observation writer (ranges for that patient's sex and
 * age, abnormal items) and audits the assignment.
 */
export function ResolveQueueDialog({ item, describe, onClose }: { item: QueueItem; describe: string; onClose: () => void }) {
  const t = useTranslations("results.queue");
  const tp = useTranslations("patients");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const id = useId();
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim(), 250);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [rememberMrn, setRememberMrn] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const results = useQuery({ ...trpc.patient.list.queryOptions({ q: query, limit: 8 }), enabled: query.length > 0 && !picked });
  const resolve = useMutation(
    trpc.results.resolveQueueItem.mutationOptions({
      onSuccess: async () => {
        toast.show({ tone: "success", message: t("matchedTo", { name: picked?.label ?? "" }) });
        await qc.invalidateQueries({ queryKey: trpc.results.queue.queryKey() });
        onClose();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!picked) return setError(t("pickFirst"));
    resolve.mutate({ itemId: item.id, patientId: picked.id, rememberMrn: rememberMrn && item.mrn !== null });
  }

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={t("pickPatient")} description={t("pickDescription", { date: item.examDate, count: item.observationCount, who: describe || t("noIdentifiers") })} closeLabel={tc("close")}>
        <form onSubmit={submit} noValidate className="space-y-4">
          {error ? <Alert tone="error">{error}</Alert> : null}
          {picked ? (
            <div className="flex items-center justify-between rounded-md border border-primary-200 bg-primary-50 px-3 py-2" data-testid="picked-patient">
              <span className="font-medium text-slate-900">{picked.label}</span>
              <Button type="button" variant="ghost" size="sm" onClick={() => setPicked(null)}>
                {t("change")}
              </Button>
            </div>
          ) : (
            <div className="space-y-2">
              <Field id={`${id}-q`} label={t("search")} hint={t("searchHint")}>
                <Input id={`${id}-q`} aria-describedby={`${id}-q-hint`} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("searchPlaceholder")} autoComplete="off" autoFocus />
              </Field>
              {results.data ? (
                <ul aria-label={t("candidates")} className="max-h-56 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
                  {results.data.items.map((p) => {
                    const label = [p.nameMasked, tp(`sex.${p.sex}`), p.age !== null ? t("age", { age: p.age }) : null].filter(Boolean).join(" · ");
                    return (
                      <li key={p.id}>
                        <button
                          type="button"
                          className="flex w-full items-center justify-between gap-3 px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:bg-primary-50 focus-visible:outline-none"
                          onClick={() => {
                            setPicked({ id: p.id, label });
                            setError(null);
                          }}
                        >
                          <span className="font-medium">{label}</span>
                          <span className="text-slate-600 tabular-nums">{[p.phoneMasked, p.card?.level].filter(Boolean).join(" · ")}</span>
                        </button>
                      </li>
                    );
                  })}
                  {results.data.items.length === 0 ? <li className="px-3 py-2 text-sm text-slate-600">{tp("list.empty")}</li> : null}
                </ul>
              ) : null}
            </div>
          )}
          {item.mrn ? (
            <label className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" className="size-4" checked={rememberMrn} onChange={(e) => setRememberMrn(e.target.checked)} />
              {t("rememberMrn")}
            </label>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={resolve.isPending}>
              {resolve.isPending ? tc("saving") : t("confirm")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
