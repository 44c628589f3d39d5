"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Building, Pencil, Plus, UserCog } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useRef, useState, type FormEvent } from "react";
import { formatDateTime } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { serverFieldErrors } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import { DepartmentLeadDialog } from "./department-lead-dialog";

interface Department {
  id: string;
  name: string;
  nameEn: string | null;
  lead: { userId: string; displayName: string | null } | null;
  updatedAt: Date;
}
type Errors = { name?: string; nameEn?: string; form?: string };

function useValidate() {
  const t = useTranslations("settings.departments");
  return (name: string, nameEn: string): Errors => {
    const errors: Errors = {};
    if (!name.trim()) errors.name = t("nameRequired");
    else if (name.trim().length > 100) errors.name = t("nameTooLong");
    if (nameEn.trim().length > 100) errors.nameEn = t("nameTooLong");
    return errors;
  };
}

/** Server errors arrive localised; zod issues are mapped back onto their fields. */
function serverErrors(error: unknown): Errors {
  const { fields, form } = serverFieldErrors(error, ["name", "nameEn"]);
  return { name: fields.name, nameEn: fields.nameEn, form };
}

export function DepartmentsManager({ canManage, timeZone }: { canManage: boolean; timeZone: string }) {
  const t = useTranslations("settings.departments");
  const locale = useLocale();
  const trpc = useTRPC();
  const list = useQuery(trpc.department.list.queryOptions());
  const [editing, setEditing] = useState<Department | null>(null);
  const [leading, setLeading] = useState<Department | null>(null);

  return (
    <div className={canManage ? "grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" : ""}>
      <section aria-labelledby="dept-list-title" className="min-w-0">
        <div className="mb-3 flex items-baseline justify-between gap-3">
          <h2 id="dept-list-title" className="text-base font-semibold text-slate-900">
            {t("listTitle")}
          </h2>
          {list.data ? <p className="text-sm text-slate-600">{t("count", { count: list.data.length })}</p> : null}
        </div>
        {!canManage ? (
          <Alert tone="info" className="mb-3">
            {t("readOnly")}
          </Alert>
        ) : null}
        {list.isPending ? (
          <div className="space-y-2" aria-busy="true">
            <span className="sr-only">{t("listTitle")}</span>
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-10 w-full" />
            ))}
          </div>
        ) : list.isError ? (
          <Alert tone="error">{t("loadFailed")}</Alert>
        ) : list.data.length === 0 ? (
          <EmptyState icon={Building} title={t("listTitle")} description={canManage ? t("empty") : t("emptyReadOnly")} />
        ) : (
          <TableFrame className="max-h-[65vh]">
            <Table>
              <TableHead>
                <tr>
                  <TableHeaderCell>{t("colName")}</TableHeaderCell>
                  <TableHeaderCell className="hidden sm:table-cell">{t("colNameEn")}</TableHeaderCell>
                  <TableHeaderCell>{t("colLead")}</TableHeaderCell>
                  <TableHeaderCell className="hidden md:table-cell">{t("colUpdated")}</TableHeaderCell>
                  {canManage ? (
                    <TableHeaderCell className="text-right">
                      <span className="sr-only">{t("rename")}</span>
                    </TableHeaderCell>
                  ) : null}
                </tr>
              </TableHead>
              <TableBody>
                {list.data.map((d) => (
                  <TableRow key={d.id}>
                    <TableCell className="font-medium">
                      {d.name}
                      {d.nameEn ? <span className="block text-xs font-normal text-slate-500 sm:hidden">{d.nameEn}</span> : null}
                    </TableCell>
                    <TableCell className="hidden text-slate-600 sm:table-cell">{d.nameEn ?? "—"}</TableCell>
                    <TableCell className="text-slate-700">{d.lead ? (d.lead.displayName ?? t("leadUnknown")) : <span className="text-slate-500">{t("noLeadShort")}</span>}</TableCell>
                    <TableCell className="hidden text-slate-600 tabular-nums md:table-cell">{formatDateTime(d.updatedAt, locale, timeZone)}</TableCell>
                    {canManage ? (
                      <TableCell className="text-right whitespace-nowrap">
                        <Button variant="ghost" size="sm" onClick={() => setLeading(d)} aria-label={t("leadAria", { name: d.name })}>
                          <UserCog aria-hidden className="size-4" />
                          <span className="hidden sm:inline">{t("setLead")}</span>
                        </Button>
                        <Button variant="ghost" size="sm" onClick={() => setEditing(d)} aria-label={t("renameAria", { name: d.name })}>
                          <Pencil aria-hidden className="size-4" />
                          <span className="hidden sm:inline">{t("rename")}</span>
                        </Button>
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableFrame>
        )}
      </section>
      {canManage ? <CreateDepartment /> : null}
      {editing ? <RenameDialog department={editing} onClose={() => setEditing(null)} /> : null}
      {leading ? <DepartmentLeadDialog department={leading} onClose={() => setLeading(null)} /> : null}
    </div>
  );
}

function CreateDepartment() {
  const t = useTranslations("settings.departments");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const validate = useValidate();
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [nameEn, setNameEn] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const create = useMutation(
    trpc.department.create.mutationOptions({
      onSuccess: async (dept) => {
        toast.show({ tone: "success", message: t("created", { name: dept.name }) });
        setName("");
        setNameEn("");
        setErrors({});
        await queryClient.invalidateQueries({ queryKey: trpc.department.list.queryKey() });
        nameRef.current?.focus();
      },
      onError: (error) => setErrors(serverErrors(error)),
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate(name, nameEn);
    setErrors(found);
    if (found.name) return nameRef.current?.focus();
    if (found.nameEn) return;
    create.mutate({ name: name.trim(), nameEn: nameEn.trim() || null });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t("createTitle")}</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} className="space-y-4">
          {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
          <Field id={`${id}-name`} label={t("name")} hint={t("nameHint")} error={errors.name} required>
            <Input
              ref={nameRef}
              {...fieldA11y(`${id}-name`, { hint: true, error: errors.name, required: true })}
              value={name}
              maxLength={120}
              required
              autoComplete="off"
              onChange={(e) => {
                setName(e.target.value);
                if (errors.name) setErrors((x) => ({ ...x, name: undefined }));
              }}
            />
          </Field>
          <Field id={`${id}-nameEn`} label={tc("withOptional", { label: t("nameEn") })} hint={t("nameEnHint")} error={errors.nameEn}>
            <Input
              {...fieldA11y(`${id}-nameEn`, { hint: true, error: errors.nameEn })}
              value={nameEn}
              maxLength={120}
              autoComplete="off"
              lang="en"
              onChange={(e) => setNameEn(e.target.value)}
            />
          </Field>
          <Button type="submit" className="w-full" disabled={create.isPending}>
            <Plus aria-hidden className="size-4" />
            {create.isPending ? tc("saving") : t("create")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function RenameDialog({ department, onClose }: { department: Department; onClose: () => void }) {
  const t = useTranslations("settings.departments");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const validate = useValidate();
  const id = useId();
  const [name, setName] = useState(department.name);
  const [nameEn, setNameEn] = useState(department.nameEn ?? "");
  const [errors, setErrors] = useState<Errors>({});
  const listKey = trpc.department.list.queryKey();
  const rename = useMutation(
    trpc.department.rename.mutationOptions({
      // Optimistic: the row shows the new name at once and rolls back if the server refuses.
      onMutate: async (input) => {
        await queryClient.cancelQueries({ queryKey: listKey });
        const previous = queryClient.getQueryData(listKey);
        queryClient.setQueryData(listKey, (rows) =>
          rows?.map((r) => (r.id === input.id ? { ...r, name: input.name, nameEn: input.nameEn ?? null } : r)),
        );
        return { previous };
      },
      onError: (error, _input, context) => {
        if (context?.previous) queryClient.setQueryData(listKey, context.previous);
        setErrors(serverErrors(error));
      },
      onSuccess: (dept) => {
        toast.show({ tone: "success", message: t("renamed", { name: dept.name }) });
        onClose();
      },
      onSettled: () => queryClient.invalidateQueries({ queryKey: listKey }),
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate(name, nameEn);
    setErrors(found);
    if (found.name || found.nameEn) return;
    rename.mutate({ id: department.id, name: name.trim(), nameEn: nameEn.trim() || null });
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title={t("renameTitle")} description={department.name} closeLabel={tc("close")}>
        <form onSubmit={submit} noValidate className="space-y-4">
          {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
          <Field id={`${id}-name`} label={t("name")} error={errors.name} required>
            <Input
              {...fieldA11y(`${id}-name`, { error: errors.name, required: true })}
              value={name}
              maxLength={120}
              autoComplete="off"
              onChange={(e) => setName(e.target.value)}
            />
          </Field>
          <Field id={`${id}-nameEn`} label={tc("withOptional", { label: t("nameEn") })} error={errors.nameEn}>
            <Input {...fieldA11y(`${id}-nameEn`, { error: errors.nameEn })} value={nameEn} maxLength={120} autoComplete="off" lang="en" onChange={(e) => setNameEn(e.target.value)} />
          </Field>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={rename.isPending}>
              {rename.isPending ? tc("saving") : tc("save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
