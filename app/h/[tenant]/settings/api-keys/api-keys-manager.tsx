"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Plus, RefreshCw, Ban } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { formatDateTime } from "@/app/_components/format";
import { errorMessage, serverFieldErrors } from "@/app/_components/server-errors";
import { Alert } from "@/app/_components/ui/alert";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import { NewKeyDialog } from "./new-key-dialog";

const SCOPES = ["results.import"] as const;
type Scope = (typeof SCOPES)[number];
interface Key {
  id: string;
  prefix: string;
  name: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Tenant API keys: create with scopes (the key is shown once), rotate, revoke; last use per key. */
export function ApiKeysManager({ timeZone }: { timeZone: string }) {
  const t = useTranslations("results.apiKeys");
  const locale = useLocale();
  const trpc = useTRPC();
  const list = useQuery(trpc.apiKey.list.queryOptions());
  const [secret, setSecret] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ apiKey: Key; action: "rotate" | "revoke" } | null>(null);
  const when = (d: Date | null) => (d ? formatDateTime(d, locale, timeZone) : t("never"));

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <section aria-labelledby="api-keys-title" className="min-w-0 space-y-3">
        <div className="flex items-baseline justify-between gap-3">
          <h2 id="api-keys-title" className="text-base font-semibold text-slate-900">
            {t("listTitle")}
          </h2>
          {list.data ? <p className="text-sm text-slate-600">{t("count", { count: list.data.filter((k) => !k.revokedAt).length })}</p> : null}
        </div>
        <p className="text-sm text-slate-600">{t("hint")}</p>
        {list.isPending ? (
          <div className="space-y-2" aria-busy="true">
            <span className="sr-only">{t("listTitle")}</span>
            {[0, 1].map((i) => (
              <Skeleton key={i} className="h-10 w-full" />
            ))}
          </div>
        ) : list.isError ? (
          <Alert tone="error">{t("loadFailed")}</Alert>
        ) : list.data.length === 0 ? (
          <EmptyState icon={KeyRound} title={t("listTitle")} description={t("empty")} />
        ) : (
          <TableFrame>
            <Table>
              <TableHead>
                <tr>
                  <TableHeaderCell>{t("name")}</TableHeaderCell>
                  <TableHeaderCell>{t("scopes")}</TableHeaderCell>
                  <TableHeaderCell className="hidden md:table-cell">{t("created")}</TableHeaderCell>
                  <TableHeaderCell>{t("lastUsed")}</TableHeaderCell>
                  <TableHeaderCell>{t("status")}</TableHeaderCell>
                  <TableHeaderCell className="text-right">
                    <span className="sr-only">{t("actions")}</span>
                  </TableHeaderCell>
                </tr>
              </TableHead>
              <TableBody>
                {list.data.map((k) => (
                  <TableRow key={k.id} data-key-name={k.name}>
                    <TableCell>
                      <span className="font-medium text-slate-900">{k.name}</span>
                      <span className="block font-mono text-xs text-slate-500">{k.prefix}_…</span>
                    </TableCell>
                    <TableCell className="font-mono text-xs">{k.scopes.join(", ")}</TableCell>
                    <TableCell className="hidden text-slate-600 tabular-nums md:table-cell">{when(k.createdAt)}</TableCell>
                    <TableCell className="text-slate-600 tabular-nums">{when(k.lastUsedAt)}</TableCell>
                    <TableCell>{k.revokedAt ? <Badge>{t("revokedAt", { at: when(k.revokedAt) })}</Badge> : <Badge tone="ok">{t("active")}</Badge>}</TableCell>
                    <TableCell className="text-right whitespace-nowrap">
                      {k.revokedAt ? null : (
                        <>
                          <Button variant="ghost" size="sm" onClick={() => setConfirming({ apiKey: k, action: "rotate" })} aria-label={t("rotateAria", { name: k.name })}>
                            <RefreshCw aria-hidden className="size-4" />
                            <span className="hidden sm:inline">{t("rotate")}</span>
                          </Button>
                          <Button variant="ghost" size="sm" onClick={() => setConfirming({ apiKey: k, action: "revoke" })} aria-label={t("revokeAria", { name: k.name })}>
                            <Ban aria-hidden className="size-4" />
                            <span className="hidden sm:inline">{t("revoke")}</span>
                          </Button>
                        </>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableFrame>
        )}
        <p className="text-xs text-slate-600">{t("auditNote")}</p>
      </section>
      <CreateKey onCreated={setSecret} />
      {confirming ? <ConfirmDialog {...confirming} onClose={() => setConfirming(null)} onRotated={setSecret} /> : null}
      {secret ? <NewKeyDialog secret={secret} onClose={() => setSecret(null)} /> : null}
    </div>
  );
}

function CreateKey({ onCreated }: { onCreated: (secret: string) => void }) {
  const t = useTranslations("results.apiKeys");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const id = useId();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>(["results.import"]);
  const [errors, setErrors] = useState<{ name?: string; scopes?: string; form?: string }>({});
  const create = useMutation(
    trpc.apiKey.create.mutationOptions({
      onSuccess: async (created) => {
        setName("");
        setErrors({});
        onCreated(created.key);
        await qc.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
      },
      onError: (e) => {
        const { fields, form } = serverFieldErrors(e, ["name", "scopes"]);
        setErrors({ name: fields.name, scopes: fields.scopes, form });
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const found: typeof errors = {};
    if (!name.trim()) found.name = t("nameRequired");
    else if (name.trim().length > 100) found.name = t("nameTooLong");
    if (scopes.length === 0) found.scopes = t("scopeRequired");
    setErrors(found);
    if (found.name || found.scopes) return;
    create.mutate({ name: name.trim(), scopes });
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t("create")}</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} className="space-y-4">
          {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
          <Field id={`${id}-name`} label={t("name")} hint={t("namePlaceholder")} error={errors.name} required>
            <Input {...fieldA11y(`${id}-name`, { hint: true, error: errors.name, required: true })} value={name} maxLength={120} autoComplete="off" onChange={(e) => setName(e.target.value)} />
          </Field>
          <fieldset className="space-y-1.5" aria-describedby={errors.scopes ? `${id}-scopes-error` : undefined}>
            <legend className="text-sm font-medium text-slate-800">{t("scopes")}</legend>
            {SCOPES.map((s) => (
              <label key={s} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" className="size-4" checked={scopes.includes(s)} onChange={(e) => setScopes(e.target.checked ? [...scopes, s] : scopes.filter((x) => x !== s))} />
                {t("scopeResultsImport")}
              </label>
            ))}
            {errors.scopes ? (
              <p id={`${id}-scopes-error`} className="text-xs text-red-700">
                {errors.scopes}
              </p>
            ) : null}
          </fieldset>
          <Button type="submit" className="w-full" disabled={create.isPending}>
            <Plus aria-hidden className="size-4" />
            {create.isPending ? tc("saving") : t("create")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function ConfirmDialog({ apiKey, action, onClose, onRotated }: { apiKey: Key; action: "rotate" | "revoke"; onClose: () => void; onRotated: (secret: string) => void }) {
  const t = useTranslations("results.apiKeys");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [error, setError] = useState<string | null>(null);
  const done = async () => {
    await qc.invalidateQueries({ queryKey: trpc.apiKey.list.queryKey() });
    onClose();
  };
  const rotate = useMutation(trpc.apiKey.rotate.mutationOptions({ onSuccess: async (k) => (onRotated(k.key), await done()), onError: (e) => setError(errorMessage(e)) }));
  const revoke = useMutation(
    trpc.apiKey.revoke.mutationOptions({
      onSuccess: async () => {
        toast.show({ tone: "success", message: t("revokedToast", { name: apiKey.name }) });
        await done();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const pending = rotate.isPending || revoke.isPending;
  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={action === "rotate" ? t("rotateTitle", { name: apiKey.name }) : t("revokeTitle", { name: apiKey.name })} description={action === "rotate" ? t("rotateConfirm") : t("revokeConfirm")} closeLabel={tc("close")}>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <DialogFooter>
          <Button type="button" variant="secondary" onClick={onClose}>
            {tc("cancel")}
          </Button>
          <Button type="button" variant={action === "revoke" ? "danger" : "primary"} disabled={pending} onClick={() => (action === "rotate" ? rotate.mutate({ id: apiKey.id }) : revoke.mutate({ id: apiKey.id }))}>
            {action === "rotate" ? t("rotate") : t("revoke")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
