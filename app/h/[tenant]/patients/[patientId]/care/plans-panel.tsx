"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Target, Trash2 } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { errorMessage } from "@/app/_components/server-errors";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Dialog, DialogContent } from "@/app/_components/ui/dialog";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import { GOAL_METRICS, METRIC_SOURCE, type GoalMetric } from "@/server/modules/plan/goal-progress";
import type { TPlan } from "@/server/shared/dto/plan";
import { formatIsoDate } from "../../_components/format-iso-date";

const STATUS_TONE = { met: "ok", on_track: "ok", off_track: "critical", missed: "critical", no_data: "neutral" } as const;
const BAR = { met: "bg-green-500", on_track: "bg-primary-600", off_track: "bg-red-600", missed: "bg-red-600", no_data: "bg-slate-300" } as const;
const COMPARATORS = ["lt", "le", "gt", "ge", "decrease_by", "increase_by"] as const;
type GoalDraft = { metric: GoalMetric; comparator: (typeof COMPARATORS)[number]; target: string; dueDate: string };
type TaskDraft = { title: string; frequency: "daily" | "weekly" | "monthly" | "once"; timesPerPeriod: string };

export function PlansPanel({ patientId, canWrite }: { patientId: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations("care.plans");
  const q = useQuery(trpc.plan.list.queryOptions({ patientId }));
  const [open, setOpen] = useState(false);
  if (q.isPending) return <Skeleton className="h-40 w-full" />;
  if (q.isError) return <Alert tone="error">{q.error.message}</Alert>;
  return (
    <div className="space-y-4">
      {canWrite ? (
        <Button onClick={() => setOpen(true)}>
          <Plus aria-hidden className="size-4" />
          {t("create")}
        </Button>
      ) : null}
      {q.data.length === 0 ? <EmptyState icon={Target} title={t("title")} description={t("none")} /> : null}
      {q.data.map((p) => (
        <PlanCard key={p.id} plan={p} patientId={patientId} canWrite={canWrite} />
      ))}
      {open ? <CreatePlanDialog patientId={patientId} onClose={() => setOpen(false)} /> : null}
    </div>
  );
}

function goalText(t: ReturnType<typeof useTranslations<"care.plans">>, g: { metric: GoalMetric; comparator: string; target: number; unit: string }) {
  return t("goalText", { metric: t(`metric.${g.metric}`), comparator: t(`comparator.${g.comparator}` as never), target: g.target, unit: g.unit });
}

function PlanCard({ plan, patientId, canWrite }: { plan: TPlan; patientId: string; canWrite: boolean }) {
  const t = useTranslations("care.plans");
  const locale = useLocale();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const setStatus = useMutation(
    trpc.plan.setStatus.mutationOptions({
      onSuccess: () => (toast.show({ tone: "success", message: t("statusChanged") }), void qc.invalidateQueries({ queryKey: trpc.plan.list.queryKey({ patientId }) })),
      onError: (e) => toast.show({ tone: "error", message: errorMessage(e) }),
    }),
  );
  return (
    <Card data-testid="plan-card">
      <CardHeader className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <CardTitle>{plan.title}</CardTitle>
          <p className="mt-0.5 text-xs text-slate-600">
            {t(`kind.${plan.kind}`)} · {t(`planStatus.${plan.status}`)} · {formatIsoDate(plan.startDate, locale)}
          </p>
        </div>
        <Badge tone={plan.overall === "off_track" ? "critical" : plan.overall === "no_data" ? "neutral" : "ok"}>{t(`overall.${plan.overall}`)}</Badge>
      </CardHeader>
      <CardContent className="space-y-4">
        <ul className="space-y-3">
          {plan.goals.map((g) => (
            <li key={g.id}>
              <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span className="font-medium text-slate-900">{goalText(t, g)}</span>
                <Badge tone={STATUS_TONE[g.status]}>{t(`status.${g.status}`)}</Badge>
              </div>
              <div className="mt-1.5 h-2 rounded-full bg-slate-100" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(g.progress * 100)} aria-label={goalText(t, g)}>
                <div className={`h-2 rounded-full ${BAR[g.status]}`} style={{ width: `${Math.max(2, g.progress * 100)}%` }} />
              </div>
              <p className="mt-1 text-xs text-slate-600">
                {g.baseline !== null ? `${t("baseline", { value: `${g.baseline} ${g.unit}` })} · ` : ""}
                {g.latest !== null ? t("latest", { value: `${g.latest} ${g.unit}` }) : t("noLatest")} · {t("dueOn", { date: formatIsoDate(g.dueDate, locale) })}
              </p>
            </li>
          ))}
        </ul>
        {plan.tasks.length ? (
          <div>
            <h3 className="mb-1 text-xs font-medium text-slate-600">{t("tasks")}</h3>
            <ul className="divide-y divide-slate-100 text-sm">
              {plan.tasks.map((task) => (
                <li key={task.id} className="flex justify-between gap-2 py-1.5">
                  <span className="text-slate-800">{task.title}</span>
                  <span className="text-slate-600">{t("schedule", { frequency: t(`frequency.${task.frequency}`), times: task.timesPerPeriod })}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {canWrite && plan.status === "active" ? (
          <div className="flex gap-2">
            <Button size="sm" variant="secondary" onClick={() => setStatus.mutate({ planId: plan.id, status: "completed" })}>
              {t("complete")}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setStatus.mutate({ planId: plan.id, status: "cancelled" })}>
              {t("cancelPlan")}
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

function CreatePlanDialog({ patientId, onClose }: { patientId: string; onClose: () => void }) {
  const t = useTranslations("care.plans");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const inThreeMonths = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<"intervention" | "conditioning">("intervention");
  const [goals, setGoals] = useState<GoalDraft[]>([{ metric: "sbp", comparator: "lt", target: "130", dueDate: inThreeMonths }]);
  const [tasks, setTasks] = useState<TaskDraft[]>([]);
  const [error, setError] = useState<string | null>(null);
  const create = useMutation(
    trpc.plan.create.mutationOptions({
      onSuccess: () => {
        toast.show({ tone: "success", message: t("created") });
        void qc.invalidateQueries({ queryKey: trpc.plan.list.queryKey({ patientId }) });
        onClose();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ patientId, kind, title, goals: goals.map((g) => ({ ...g, target: Number(g.target) })), tasks: tasks.map((x) => ({ ...x, timesPerPeriod: Number(x.timesPerPeriod) })) });
  };
  const setGoal = (i: number, patch: Partial<GoalDraft>) => setGoals((gs) => gs.map((g, j) => (j === i ? { ...g, ...patch } : g)));
  const setTask = (i: number, patch: Partial<TaskDraft>) => setTasks((ts) => ts.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  return (
    <Dialog open onOpenChange={(o) => (o ? null : onClose())}>
      <DialogContent title={t("create")} closeLabel={t("close")} className="max-w-2xl">
        <form onSubmit={submit} className="space-y-4">
          <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
            <label className="text-sm">
              <span className="mb-1 block text-slate-700">{t("planTitle")}</span>
              <Input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
            </label>
            <label className="text-sm">
              <span className="mb-1 block text-slate-700">{t("kindLabel")}</span>
              <Select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
                <option value="intervention">{t("kind.intervention")}</option>
                <option value="conditioning">{t("kind.conditioning")}</option>
              </Select>
            </label>
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">{t("goals")}</legend>
            {goals.map((g, i) => (
              <div key={i} className="grid grid-cols-2 gap-2 sm:grid-cols-[1fr_7rem_6rem_9.5rem_auto]" data-testid="goal-row">
                <Select aria-label={t("metricLabel")} value={g.metric} onChange={(e) => setGoal(i, { metric: e.target.value as GoalMetric })}>
                  {GOAL_METRICS.map((m) => (
                    <option key={m} value={m}>
                      {t(`metric.${m}`)} ({METRIC_SOURCE[m].unit})
                    </option>
                  ))}
                </Select>
                <Select aria-label={t("comparatorLabel")} value={g.comparator} onChange={(e) => setGoal(i, { comparator: e.target.value as GoalDraft["comparator"] })}>
                  {COMPARATORS.map((c) => (
                    <option key={c} value={c}>
                      {t(`comparator.${c}`)}
                    </option>
                  ))}
                </Select>
                <Input aria-label={t("target")} inputMode="decimal" value={g.target} onChange={(e) => setGoal(i, { target: e.target.value })} required />
                <Input aria-label={t("due")} type="date" value={g.dueDate} onChange={(e) => setGoal(i, { dueDate: e.target.value })} required />
                <Button type="button" variant="ghost" className="h-10" aria-label={t("remove")} onClick={() => setGoals((gs) => gs.filter((_, j) => j !== i))} disabled={goals.length === 1}>
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              </div>
            ))}
            <Button type="button" size="sm" variant="secondary" onClick={() => setGoals((gs) => [...gs, { metric: "weight", comparator: "decrease_by", target: "3", dueDate: inThreeMonths }])}>
              <Plus aria-hidden className="size-4" />
              {t("addGoal")}
            </Button>
          </fieldset>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">{t("tasks")}</legend>
            {tasks.map((x, i) => (
              <div key={i} className="grid grid-cols-2 gap-2 sm:grid-cols-[1fr_7rem_5rem_auto]">
                <Input aria-label={t("taskTitle")} value={x.title} onChange={(e) => setTask(i, { title: e.target.value })} required maxLength={200} />
                <Select aria-label={t("frequencyLabel")} value={x.frequency} onChange={(e) => setTask(i, { frequency: e.target.value as TaskDraft["frequency"] })}>
                  {(["daily", "weekly", "monthly", "once"] as const).map((f) => (
                    <option key={f} value={f}>
                      {t(`frequency.${f}`)}
                    </option>
                  ))}
                </Select>
                <Input aria-label={t("times")} inputMode="numeric" value={x.timesPerPeriod} onChange={(e) => setTask(i, { timesPerPeriod: e.target.value })} />
                <Button type="button" variant="ghost" className="h-10" aria-label={t("remove")} onClick={() => setTasks((ts) => ts.filter((_, j) => j !== i))}>
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              </div>
            ))}
            <Button type="button" size="sm" variant="secondary" onClick={() => setTasks((ts) => [...ts, { title: "", frequency: "daily", timesPerPeriod: "1" }])}>
              <Plus aria-hidden className="size-4" />
              {t("addTask")}
            </Button>
          </fieldset>
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button type="button" variant="ghost" onClick={onClose}>
              {t("close")}
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {t("save")}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
