"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { errorMessage } from "@/app/_components/server-errors";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";

/** Picks the department lead (an active staff member) that overdue 重要异常结果 items escalate to. */
export function DepartmentLeadDialog({ department, onClose }: { department: { id: string; name: string; lead: { userId: string } | null }; onClose: () => void }) {
  const t = useTranslations("settings.departments");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const staff = useQuery(trpc.staff.list.queryOptions());
  const [leadUserId, setLeadUserId] = useState(department.lead?.userId ?? "");
  const [error, setError] = useState<string | null>(null);
  const setLead = useMutation(
    trpc.department.setLead.mutationOptions({
      onSuccess: async (dept) => {
        toast.show({ tone: "success", message: dept.lead ? t("leadSet", { name: dept.name, lead: dept.lead.displayName ?? "" }) : t("leadCleared", { name: dept.name }) });
        await queryClient.invalidateQueries({ queryKey: trpc.department.list.queryKey() });
        onClose();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const active = (staff.data ?? []).filter((s) => s.status === "active");

  function submit(e: FormEvent) {
    e.preventDefault();
    setLead.mutate({ id: department.id, leadUserId: leadUserId || null });
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title={t("leadTitle")} description={t("leadDescription", { name: department.name })} closeLabel={tc("close")}>
        <form onSubmit={submit} noValidate className="space-y-4">
          {error ? <Alert tone="error">{error}</Alert> : null}
          {staff.isError ? <Alert tone="error">{t("staffLoadFailed")}</Alert> : null}
          <Field id={`${id}-lead`} label={t("lead")} hint={t("leadHint")}>
            <Select id={`${id}-lead`} aria-describedby={`${id}-lead-hint`} value={leadUserId} disabled={staff.isPending} onChange={(e) => setLeadUserId(e.target.value)}>
              <option value="">{t("noLead")}</option>
              {active.map((s) => (
                <option key={s.userId} value={s.userId}>
                  {s.displayName} · {s.email}
                </option>
              ))}
            </Select>
          </Field>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={setLead.isPending || staff.isPending}>
              {setLead.isPending ? tc("saving") : tc("save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
