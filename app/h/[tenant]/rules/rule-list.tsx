"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RefreshCw } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import { RerunProgress } from "./rerun-progress";

/** Every rule with priority, state, version and current match count; enable/disable saves a new version. */
export function RuleList({ slug }: { slug: string }) {
  const t = useTranslations("rules.page");
  const trpc = useTRPC();
  const toast = useToast();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.rules.list.queryOptions());
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.rules.list.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.rules.run.queryKey() })]);
  const toggle = useMutation(
    trpc.rules.save.mutationOptions({
      onSuccess: async (r, input) => {
        toast.show({ tone: "success", message: t("toggled", { name: input.name, version: r.version }) });
        await refresh();
      },
      onError: (e) => toast.show({ tone: "error", message: e.message }),
    }),
  );
  const rerun = useMutation(
    trpc.rules.rerun.mutationOptions({
      onSuccess: async () => {
        toast.show({ tone: "success", message: t("rerunStarted") });
        await refresh();
      },
      onError: (e) => toast.show({ tone: "error", message: e.message }),
    }),
  );

  if (list.error) return <Alert tone="error">{list.error.message}</Alert>;
  const rules = list.data?.rules ?? [];
  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-center sm:justify-between">
        <RerunProgress onFinished={refresh} />
        <Button variant="secondary" onClick={() => rerun.mutate()} disabled={rerun.isPending}>
          <RefreshCw aria-hidden className="size-4" />
          {t("rerun")}
        </Button>
      </div>
      {list.isPending ? null : rules.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <TableFrame>
          <Table>
            <TableHead>
              <tr>
                <TableHeaderCell>{t("priority")}</TableHeaderCell>
                <TableHeaderCell>{t("name")}</TableHeaderCell>
                <TableHeaderCell>{t("status")}</TableHeaderCell>
                <TableHeaderCell>{t("versionColumn")}</TableHeaderCell>
                <TableHeaderCell className="text-right">{t("matchedColumn")}</TableHeaderCell>
                <TableHeaderCell>
                  <span className="sr-only">{t("actionsColumn")}</span>
                </TableHeaderCell>
              </tr>
            </TableHead>
            <TableBody>
              {rules.map((r) => (
                <TableRow key={r.id} data-testid="rule-row">
                  <TableCell className="tabular-nums">{r.priority}</TableCell>
                  <TableCell>
                    <Link href={`/h/${slug}/rules/${r.id}`} className="font-medium text-primary-700 underline decoration-primary-300 underline-offset-2">
                      {r.name}
                    </Link>
                    {r.description ? <p className="mt-0.5 max-w-xl text-xs text-slate-600">{r.description}</p> : null}
                  </TableCell>
                  <TableCell>
                    <Badge tone={r.enabled ? "ok" : "neutral"}>{r.enabled ? t("enabled") : t("disabled")}</Badge>
                  </TableCell>
                  <TableCell className="whitespace-nowrap">{t("version", { version: r.version })}</TableCell>
                  <TableCell className="text-right whitespace-nowrap tabular-nums">{t("matched", { count: r.matchedPatients })}</TableCell>
                  <TableCell className="text-right whitespace-nowrap">
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={toggle.isPending}
                      onClick={() => toggle.mutate({ id: r.id, name: r.name, description: r.description, condition: r.condition, actions: r.actions, priority: r.priority, enabled: !r.enabled })}
                    >
                      {r.enabled ? t("disable") : t("enable")}
                      <span className="sr-only">: {r.name}</span>
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableFrame>
      )}
    </div>
  );
}
