"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, ClipboardPen, ListTodo } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { useToast } from "@/app/_components/ui/toast";
import { errorMessage } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";

/**
 * The patient's open worklist tasks (e.g. the two onboarding tasks after card opening). The assignee
 * ticks simple tasks off here; a follow-up-plan task is completed by recording the follow-up.
 */
export function PatientTasks({ patientId, slug, timeZone, canComplete, onChanged }: { patientId: string; slug: string; timeZone: string; canComplete: boolean; onChanged: () => void }) {
  const t = useTranslations("patients");
  const tk = useTranslations("followups.kinds");
  const tt = useTranslations("patients.ui.tasks");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const tasks = useQuery(trpc.worklist.forPatient.queryOptions({ patientId }));
  const complete = useMutation(
    trpc.worklist.complete.mutationOptions({
      onSuccess: () => {
        toast.show({ tone: "success", message: tt("completed") });
        void queryClient.invalidateQueries({ queryKey: trpc.worklist.forPatient.queryKey({ patientId }) });
        onChanged();
      },
      onError: (e) => toast.show({ tone: "error", message: errorMessage(e) }),
    }),
  );
  const label = (kind: string) => (t.has(`tasks.${kind}`) ? t(`tasks.${kind}` as "tasks.first_contact") : tk.has(kind) ? tk(kind as "rule") : kind);
  const now = Date.now();

  return (
    <Card data-testid="patient-tasks">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <ListTodo aria-hidden className="size-4 text-slate-500" />
          {tt("title")}
        </CardTitle>
      </CardHeader>
      <CardContent>
        {tasks.isPending ? (
          <Skeleton className="h-10 w-full" />
        ) : tasks.isError ? (
          <Alert tone="error">{tt("loadFailed")}</Alert>
        ) : tasks.data.length === 0 ? (
          <p className="text-sm text-slate-600">{tt("none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {tasks.data.map((task) => {
              const overdue = task.dueAt !== null && task.dueAt.getTime() < now;
              return (
                <li key={task.id} className="flex items-start justify-between gap-2 py-2">
                  <div className="min-w-0">
                    <p className="text-sm font-medium text-slate-900">{label(task.kind)}</p>
                    <p className="text-xs text-slate-600">
                      {task.dueAt ? tt("due", { when: formatDateTime(task.dueAt, locale, timeZone) }) : tt("noDue")}
                      {" · "}
                      {task.assignee ? (task.mine ? tt("you") : task.assignee.name) : tt("unassigned")}
                    </p>
                    {overdue ? (
                      <Badge tone="critical" className="mt-1">
                        {tt("overdue")}
                      </Badge>
                    ) : null}
                  </div>
                  {canComplete && task.mine && task.fromPlan ? (
                    <Button variant="secondary" size="sm" asChild>
                      <Link href={`/h/${slug}/followups/tasks/${task.id}`} aria-label={tt("recordAria", { task: label(task.kind) })}>
                        <ClipboardPen aria-hidden className="size-4" />
                        {tt("record")}
                      </Link>
                    </Button>
                  ) : null}
                  {canComplete && task.mine && !task.fromPlan ? (
                    <Button variant="secondary" size="sm" disabled={complete.isPending} aria-label={tt("completeAria", { task: label(task.kind) })} onClick={() => complete.mutate({ taskId: task.id })}>
                      <Check aria-hidden className="size-4" />
                      {tt("complete")}
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
