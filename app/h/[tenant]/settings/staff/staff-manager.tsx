"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ShieldAlert, ShieldCheck, UserMinus, UserPlus } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { formatDateTime } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Select } from "@/app/_components/ui/select";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import type { TStaffMember } from "@/server/api/routers/staff/staff.schema";
import { TENANT_ROLES } from "@/server/shared/permissions";
import { AddStaffDialog } from "./add-staff-dialog";

export function StaffManager({ initial, canManage, timeZone }: { initial: TStaffMember[]; canManage: boolean; timeZone: string }) {
  const t = useTranslations("auth.staff");
  const common = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const list = useQuery({ ...trpc.staff.list.queryOptions(), initialData: initial });
  const [removing, setRemoving] = useState<TStaffMember | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.staff.list.queryKey() });
  const onError = (error: { message: string }) => toast.show({ tone: "error", message: error.message });
  const changeRole = useMutation(trpc.staff.changeRole.mutationOptions({ onSettled: refresh, onError }));
  const remove = useMutation(trpc.staff.remove.mutationOptions({ onSettled: refresh, onError }));
  const setStatus = useMutation(trpc.staff.setStatus.mutationOptions({ onSettled: refresh, onError }));
  const roleLabel = (role: string) => common(`roles.${role}` as "roles.nurse");

  return (
    <section aria-labelledby="staff-list-title">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-baseline gap-3">
          <h2 id="staff-list-title" className="text-base font-semibold text-slate-900">
            {t("title")}
          </h2>
          <p className="text-sm text-slate-600">{t("count", { count: list.data.length })}</p>
        </div>
        {canManage ? (
          <AddStaffDialog onAdded={refresh}>
            <Button>
              <UserPlus aria-hidden className="size-4" />
              {t("add")}
            </Button>
          </AddStaffDialog>
        ) : null}
      </div>
      {!canManage ? (
        <Alert tone="info" className="mb-3">
          {t("readOnly")}
        </Alert>
      ) : null}
      {list.isError ? <Alert tone="error" className="mb-3">{t("loadFailed")}</Alert> : null}
      <TableFrame className="max-h-[70vh]">
        <Table>
          <TableHead>
            <tr>
              <TableHeaderCell>{t("colName")}</TableHeaderCell>
              <TableHeaderCell>{t("colRole")}</TableHeaderCell>
              <TableHeaderCell>{t("colStatus")}</TableHeaderCell>
              <TableHeaderCell>{t("colMfa")}</TableHeaderCell>
              <TableHeaderCell>{t("colLastSignIn")}</TableHeaderCell>
              {canManage ? <TableHeaderCell className="text-right">{common("actions")}</TableHeaderCell> : null}
            </tr>
          </TableHead>
          <TableBody>
            {list.data.map((s) => (
              <TableRow key={s.userId}>
                <TableCell>
                  <div className="font-medium text-slate-900">
                    {s.displayName}
                    {s.isSelf ? <span className="font-normal text-slate-500">{t("you")}</span> : null}
                  </div>
                  <div className="text-xs text-slate-600">{s.email}</div>
                </TableCell>
                <TableCell>
                  {canManage && !s.isSelf ? (
                    <Select
                      aria-label={t("changeRole", { name: s.displayName })}
                      value={s.role}
                      disabled={changeRole.isPending}
                      className="h-9 min-w-36"
                      onChange={(e) =>
                        changeRole.mutate(
                          { userId: s.userId, role: e.target.value as (typeof TENANT_ROLES)[number] },
                          { onSuccess: () => toast.show({ tone: "success", message: t("roleChanged", { name: s.displayName, role: roleLabel(e.target.value) }) }) },
                        )
                      }
                    >
                      {TENANT_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {roleLabel(r)}
                        </option>
                      ))}
                    </Select>
                  ) : (
                    roleLabel(s.role)
                  )}
                </TableCell>
                <TableCell>
                  <Badge tone={s.status === "active" ? "ok" : "neutral"}>{s.status === "active" ? t("statusActive") : t("statusDeactivated")}</Badge>
                </TableCell>
                <TableCell>
                  {s.mfaEnrolled ? (
                    <Badge tone="ok">
                      <ShieldCheck aria-hidden className="size-3.5" />
                      {t("mfaOn")}
                    </Badge>
                  ) : (
                    <Badge tone="attention">
                      <ShieldAlert aria-hidden className="size-3.5" />
                      {t("mfaOff")}
                    </Badge>
                  )}
                </TableCell>
                <TableCell className="whitespace-nowrap text-slate-700">
                  {s.lastSignInAt ? formatDateTime(s.lastSignInAt, locale, timeZone) : <span className="text-slate-500">{t("never")}</span>}
                </TableCell>
                {canManage ? (
                  <TableCell className="text-right whitespace-nowrap">
                    {s.isSelf ? null : (
                      <div className="flex justify-end gap-1">
                        <Button
                          variant="ghost"
                          size="sm"
                          disabled={setStatus.isPending}
                          onClick={() => {
                            const status = s.status === "active" ? "deactivated" : "active";
                            setStatus.mutate(
                              { userId: s.userId, status },
                              { onSuccess: () => toast.show({ tone: "success", message: t(status === "active" ? "reactivated" : "deactivated", { name: s.displayName }) }) },
                            );
                          }}
                        >
                          {s.status === "active" ? t("deactivate") : t("reactivate")}
                        </Button>
                        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => setRemoving(s)}>
                          <UserMinus aria-hidden className="size-4" />
                          {t("remove")}
                        </Button>
                      </div>
                    )}
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableFrame>
      <Dialog open={removing !== null} onOpenChange={(open) => (open ? null : setRemoving(null))}>
        {removing ? (
          <DialogContent title={t("removeTitle", { name: removing.displayName })} description={t("removeBody")} closeLabel={common("close")}>
            <DialogFooter>
              <Button variant="secondary" onClick={() => setRemoving(null)}>
                {common("cancel")}
              </Button>
              <Button
                variant="danger"
                disabled={remove.isPending}
                onClick={() =>
                  remove.mutate(
                    { userId: removing.userId },
                    {
                      onSuccess: () => {
                        toast.show({ tone: "success", message: t("removed", { name: removing.displayName }) });
                        setRemoving(null);
                      },
                    },
                  )
                }
              >
                {t("remove")}
              </Button>
            </DialogFooter>
          </DialogContent>
        ) : null}
      </Dialog>
    </section>
  );
}
