"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Building2, CheckCircle2, PauseCircle, PlayCircle, Plus, UserPlus } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useRef, useState, type FormEvent } from "react";
import { formatDate } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { serverFieldErrors } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import { AddAdminDialog } from "./add-admin-dialog";

const SLUG = /^[a-z][a-z0-9-]{1,30}$/;

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  nameEn: string | null;
  timeZone: string;
  status: "active" | "suspended";
  staff: number;
  createdAt: Date;
}

export function TenantsManager({ commonZones, allZones }: { commonZones: string[]; allZones: string[] }) {
  const t = useTranslations("admin.tenants");
  const locale = useLocale();
  const trpc = useTRPC();
  const list = useQuery(trpc.platform.tenants.list.queryOptions());
  const [confirming, setConfirming] = useState<TenantRow | null>(null);
  const [appointing, setAppointing] = useState<TenantRow | null>(null);
  const display = (r: TenantRow) => (locale === "en" && r.nameEn ? r.nameEn : r.name);

  return (
    <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <section aria-labelledby="tenant-list-title" className="min-w-0">
        <div className="mb-3 flex items-baseline justify-between gap-3">
          <h2 id="tenant-list-title" className="text-base font-semibold text-slate-900">
            {t("listTitle")}
          </h2>
          {list.data ? <p className="text-sm text-slate-600">{t("count", { count: list.data.length })}</p> : null}
        </div>
        {list.isPending ? (
          <div className="space-y-2" aria-busy="true">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-12 w-full" />
            ))}
          </div>
        ) : list.isError ? (
          <Alert tone="error">{t("loadFailed")}</Alert>
        ) : list.data.length === 0 ? (
          <EmptyState icon={Building2} title={t("listTitle")} description={t("empty")} />
        ) : (
          <TableFrame className="max-h-[70vh]">
            <Table>
              <TableHead>
                <tr>
                  <TableHeaderCell>{t("colName")}</TableHeaderCell>
                  <TableHeaderCell className="hidden lg:table-cell">{t("colTimeZone")}</TableHeaderCell>
                  <TableHeaderCell className="text-right">{t("colStaff")}</TableHeaderCell>
                  <TableHeaderCell className="hidden sm:table-cell">{t("colStatus")}</TableHeaderCell>
                  <TableHeaderCell className="hidden md:table-cell">{t("colCreated")}</TableHeaderCell>
                  <TableHeaderCell className="text-right">
                    <span className="sr-only">{t("suspend")}</span>
                  </TableHeaderCell>
                </tr>
              </TableHead>
              <TableBody>
                {list.data.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell>
                      <span className="block font-medium text-slate-900">{display(r)}</span>
                      <span className="block text-xs text-slate-500">
                        <code>{r.slug}</code>
                        {locale !== "en" && r.nameEn ? <span className="ml-2">{r.nameEn}</span> : null}
                      </span>
                      <span className="mt-1 block sm:hidden">
                        <StatusBadge status={r.status} active={t("statusActive")} suspended={t("statusSuspended")} />
                      </span>
                    </TableCell>
                    <TableCell className="hidden text-slate-600 lg:table-cell">{r.timeZone}</TableCell>
                    <TableCell className="text-right tabular-nums">{r.staff}</TableCell>
                    <TableCell className="hidden sm:table-cell">
                      {r.status === "active" ? (
                        <Badge tone="ok">
                          <CheckCircle2 aria-hidden className="size-3" />
                          {t("statusActive")}
                        </Badge>
                      ) : (
                        <Badge tone="attention">
                          <PauseCircle aria-hidden className="size-3" />
                          {t("statusSuspended")}
                        </Badge>
                      )}
                    </TableCell>
                    <TableCell className="hidden whitespace-nowrap text-slate-600 md:table-cell">{formatDate(r.createdAt, locale, r.timeZone)}</TableCell>
                    <TableCell className="space-x-2 whitespace-nowrap text-right">
                      <Button variant="ghost" size="sm" onClick={() => setAppointing(r)} aria-label={t("addAdmin.aria", { name: display(r) })}>
                        <UserPlus aria-hidden className="size-4" />
                        <span className="hidden md:inline">{t("addAdmin.button")}</span>
                      </Button>
                      <Button
                        variant={r.status === "active" ? "secondary" : "ghost"}
                        size="sm"
                        onClick={() => setConfirming(r)}
                        aria-label={r.status === "active" ? t("suspendAria", { name: display(r) }) : t("resumeAria", { name: display(r) })}
                      >
                        {r.status === "active" ? <PauseCircle aria-hidden className="size-4" /> : <PlayCircle aria-hidden className="size-4" />}
                        {r.status === "active" ? t("suspend") : t("resume")}
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableFrame>
        )}
      </section>
      <CreateTenant commonZones={commonZones} allZones={allZones} />
      {appointing ? <AddAdminDialog slug={appointing.slug} name={display(appointing)} onClose={() => setAppointing(null)} /> : null}
      {confirming ? <StatusDialog tenant={confirming} name={display(confirming)} onClose={() => setConfirming(null)} /> : null}
    </div>
  );
}

function StatusBadge({ status, active, suspended }: { status: "active" | "suspended"; active: string; suspended: string }) {
  return status === "active" ? (
    <Badge tone="ok">
      <CheckCircle2 aria-hidden className="size-3" />
      {active}
    </Badge>
  ) : (
    <Badge tone="attention">
      <PauseCircle aria-hidden className="size-3" />
      {suspended}
    </Badge>
  );
}

function StatusDialog({ tenant, name, onClose }: { tenant: TenantRow; name: string; onClose: () => void }) {
  const t = useTranslations("admin.tenants");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const suspending = tenant.status === "active";
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation(
    trpc.platform.tenants.setStatus.mutationOptions({
      onSuccess: async () => {
        toast.show({ tone: "success", message: suspending ? t("suspended", { name }) : t("resumed", { name }) });
        await queryClient.invalidateQueries({ queryKey: trpc.platform.tenants.list.queryKey() });
        onClose();
      },
      onError: (e) => setError(e.message),
    }),
  );
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent
        role="alertdialog"
        title={suspending ? t("suspendTitle", { name }) : t("resumeTitle", { name })}
        description={suspending ? t("suspendBody") : t("resumeBody")}
        closeLabel={tc("close")}
      >
        {error ? <Alert tone="error">{error}</Alert> : null}
        <DialogFooter>
          <Button type="button" variant="secondary" onClick={onClose} autoFocus>
            {tc("cancel")}
          </Button>
          <Button
            type="button"
            variant={suspending ? "danger" : "primary"}
            disabled={mutation.isPending}
            onClick={() => mutation.mutate({ slug: tenant.slug, status: suspending ? "suspended" : "active" })}
          >
            {suspending ? t("suspendConfirm") : t("resumeConfirm")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

type Errors = { slug?: string; name?: string; nameEn?: string; timeZone?: string; form?: string };

function CreateTenant({ commonZones, allZones }: { commonZones: string[]; allZones: string[] }) {
  const t = useTranslations("admin.tenants.create");
  const locale = useLocale();
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const refs = { slug: useRef<HTMLInputElement>(null), name: useRef<HTMLInputElement>(null), nameEn: useRef<HTMLInputElement>(null) };
  const [values, setValues] = useState({ slug: "", name: "", nameEn: "", timeZone: "Asia/Shanghai" });
  const [errors, setErrors] = useState<Errors>({});

  function validate(v: typeof values): Errors {
    const e: Errors = {};
    if (!SLUG.test(v.slug)) e.slug = t("slugInvalid");
    const name = v.name.trim();
    if (name.length < 2 || name.length > 100) e.name = t("nameInvalid");
    const nameEn = v.nameEn.trim();
    if (nameEn && (nameEn.length < 2 || nameEn.length > 100)) e.nameEn = t("nameEnInvalid");
    return e;
  }

  const create = useMutation(
    trpc.platform.tenants.create.mutationOptions({
      onSuccess: async (_created, input) => {
        toast.show({ tone: "success", message: t("created", { name: locale === "en" && input.nameEn ? input.nameEn : input.name }) });
        setValues({ slug: "", name: "", nameEn: "", timeZone: values.timeZone });
        setErrors({});
        await queryClient.invalidateQueries({ queryKey: trpc.platform.tenants.list.queryKey() });
      },
      onError: (error) => {
        const { fields, form, code } = serverFieldErrors(error, ["slug", "name", "nameEn", "timeZone"]);
        const out: Errors =
          form !== undefined && code === "CONFLICT"
            ? { slug: form }
            : { slug: fields.slug, name: fields.name, nameEn: fields.nameEn, timeZone: fields.timeZone, form };
        setErrors(out);
        if (out.slug) refs.slug.current?.focus();
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate(values);
    setErrors(found);
    const first = (["slug", "name", "nameEn"] as const).find((k) => found[k]);
    if (first) return refs[first].current?.focus();
    create.mutate({ slug: values.slug, name: values.name.trim(), nameEn: values.nameEn.trim() || null, timeZone: values.timeZone });
  }

  const set = (k: keyof typeof values) => (e: { target: { value: string } }) => {
    const value = k === "slug" ? e.target.value.toLowerCase() : e.target.value;
    setValues((v) => ({ ...v, [k]: value }));
    if (errors[k]) setErrors((x) => ({ ...x, [k]: undefined }));
  };

  return (
    <Card>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t("title")}</CardTitle>
        <p className="mt-1 text-sm text-slate-600">{t("description")}</p>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} className="space-y-4">
          {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
          <Field id={`${id}-slug`} label={t("slug")} hint={t("slugHint")} error={errors.slug} required>
            <Input
              ref={refs.slug}
              {...fieldA11y(`${id}-slug`, { hint: true, error: errors.slug, required: true })}
              value={values.slug}
              onChange={set("slug")}
              onBlur={() => values.slug && !SLUG.test(values.slug) && setErrors((x) => ({ ...x, slug: t("slugInvalid") }))}
              maxLength={31}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              pattern="[a-z][a-z0-9\-]{1,30}"
              className="font-mono"
              placeholder="demo-clinic"
            />
          </Field>
          <Field id={`${id}-name`} label={t("name")} hint={t("nameHint")} error={errors.name} required>
            <Input ref={refs.name} {...fieldA11y(`${id}-name`, { hint: true, error: errors.name, required: true })} value={values.name} onChange={set("name")} maxLength={100} autoComplete="off" />
          </Field>
          <Field id={`${id}-nameEn`} label={tc("withOptional", { label: t("nameEn") })} error={errors.nameEn}>
            <Input ref={refs.nameEn} {...fieldA11y(`${id}-nameEn`, { error: errors.nameEn })} value={values.nameEn} onChange={set("nameEn")} maxLength={100} autoComplete="off" lang="en" />
          </Field>
          <Field id={`${id}-tz`} label={t("timeZone")} hint={t("timeZoneHint")} error={errors.timeZone}>
            <Select {...fieldA11y(`${id}-tz`, { hint: true, error: errors.timeZone })} value={values.timeZone} onChange={set("timeZone")}>
              <optgroup label={t("tzCommon")}>
                {commonZones.map((z) => (
                  <option key={`c-${z}`} value={z}>
                    {z}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("tzAll")}>
                {allZones
                  .filter((z) => !commonZones.includes(z))
                  .map((z) => (
                    <option key={z} value={z}>
                      {z}
                    </option>
                  ))}
              </optgroup>
            </Select>
          </Field>
          <Button type="submit" className="w-full" disabled={create.isPending}>
            <Plus aria-hidden className="size-4" />
            {create.isPending ? t("submitting") : t("submit")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
