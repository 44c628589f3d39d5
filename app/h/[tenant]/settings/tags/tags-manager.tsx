"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, Lock, Pencil, Plus, Tag as TagIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, type FormEvent } from "react";
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
import { serverFieldErrors } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";

interface Tag {
  id: string;
  name: string;
  colour: string;
  category: string | null;
  sensitive: boolean;
}
interface Draft {
  name: string;
  colour: string;
  category: string;
  sensitive: boolean;
}
type Errors = { name?: string; colour?: string; category?: string; form?: string };

/** Mid-tone colours that keep at least 3:1 contrast against white, so the swatch itself stays visible. */
const PALETTE = [
  { hex: "#2563EB", key: "blue" },
  { hex: "#0F766E", key: "teal" },
  { hex: "#15803D", key: "green" },
  { hex: "#B45309", key: "amber" },
  { hex: "#C2410C", key: "orange" },
  { hex: "#B91C1C", key: "red" },
  { hex: "#BE185D", key: "pink" },
  { hex: "#7C3AED", key: "violet" },
  { hex: "#475569", key: "slate" },
] as const;
const HEX = /^#[0-9a-fA-F]{6}$/;
const EMPTY: Draft = { name: "", colour: PALETTE[0].hex, category: "", sensitive: false };

function useValidate() {
  const t = useTranslations("settings.tags");
  return (d: Draft): Errors => {
    const errors: Errors = {};
    if (!d.name.trim()) errors.name = t("nameRequired");
    else if (d.name.trim().length > 40) errors.name = t("tooLong");
    if (!HEX.test(d.colour.trim())) errors.colour = t("colourInvalid");
    if (d.category.trim().length > 40) errors.category = t("tooLong");
    return errors;
  };
}

/** Server errors arrive localised; zod issues map back onto their fields, a taken name onto the name. */
function serverErrors(error: unknown): Errors {
  const { fields, form, code } = serverFieldErrors(error, ["name", "colour", "category"]);
  if (form !== undefined && code === "CONFLICT") return { name: form };
  return { name: fields.name, colour: fields.colour, category: fields.category, form };
}

function toInput(d: Draft) {
  return { name: d.name.trim(), colour: d.colour.trim().toUpperCase(), category: d.category.trim() || null, sensitive: d.sensitive };
}

export function TagsManager({ canReadSensitive }: { canReadSensitive: boolean }) {
  const t = useTranslations("settings.tags");
  const trpc = useTRPC();
  const list = useQuery(trpc.tag.catalogue.queryOptions());
  const [editing, setEditing] = useState<Tag | null>(null);

  return (
    <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
      <section aria-labelledby="tag-list-title" className="min-w-0">
        <div className="mb-3 flex items-baseline justify-between gap-3">
          <h2 id="tag-list-title" className="text-base font-semibold text-slate-900">
            {t("listTitle")}
          </h2>
          {list.data ? <p className="text-sm text-slate-600">{t("count", { count: list.data.length })}</p> : null}
        </div>
        {!canReadSensitive ? (
          <Alert tone="info" className="mb-3">
            {t("sensitiveManageOnly")}
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
          <EmptyState icon={TagIcon} title={t("listTitle")} description={t("empty")} />
        ) : (
          <TableFrame className="max-h-[65vh]">
            <Table>
              <TableHead>
                <tr>
                  <TableHeaderCell>{t("colName")}</TableHeaderCell>
                  <TableHeaderCell className="hidden sm:table-cell">{t("colCategory")}</TableHeaderCell>
                  <TableHeaderCell>{t("colVisibility")}</TableHeaderCell>
                  <TableHeaderCell className="text-right">
                    <span className="sr-only">{t("edit")}</span>
                  </TableHeaderCell>
                </tr>
              </TableHead>
              <TableBody>
                {list.data.map((tag) => (
                  <TableRow key={tag.id}>
                    <TableCell className="font-medium">
                      <span className="flex items-center gap-2">
                        <span aria-hidden className="size-3.5 shrink-0 rounded-full border border-black/10" style={{ backgroundColor: tag.colour }} />
                        <span className="min-w-0 break-words">{tag.name}</span>
                      </span>
                      {tag.category ? <span className="mt-0.5 block pl-5.5 text-xs font-normal text-slate-500 sm:hidden">{tag.category}</span> : null}
                    </TableCell>
                    <TableCell className="hidden text-slate-600 sm:table-cell">{tag.category ?? "—"}</TableCell>
                    <TableCell>
                      {tag.sensitive ? (
                        <Badge tone="attention">
                          <Lock aria-hidden className="size-3" />
                          {t("sensitive")}
                        </Badge>
                      ) : (
                        <span className="text-sm text-slate-600">{t("visibleAll")}</span>
                      )}
                    </TableCell>
                    <TableCell className="text-right">
                      <Button variant="ghost" size="sm" onClick={() => setEditing(tag)} aria-label={t("editAria", { name: tag.name })}>
                        <Pencil aria-hidden className="size-4" />
                        <span className="hidden sm:inline">{t("edit")}</span>
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableFrame>
        )}
      </section>
      <CreateTag />
      {editing ? <EditDialog tag={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}

function TagFields({ id, draft, errors, onChange, nameRef }: { id: string; draft: Draft; errors: Errors; onChange: (d: Partial<Draft>) => void; nameRef?: React.Ref<HTMLInputElement> }) {
  const t = useTranslations("settings.tags");
  const tc = useTranslations("common");
  const current = draft.colour.trim().toUpperCase();
  return (
    <>
      {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
      <Field id={`${id}-name`} label={t("name")} hint={t("nameHint")} error={errors.name} required>
        <Input
          ref={nameRef}
          {...fieldA11y(`${id}-name`, { hint: true, error: errors.name, required: true })}
          value={draft.name}
          maxLength={60}
          autoComplete="off"
          onChange={(e) => onChange({ name: e.target.value })}
        />
      </Field>
      <fieldset className="space-y-2" aria-describedby={errors.colour ? `${id}-colour-error` : undefined}>
        <legend className="text-sm font-medium text-slate-800">{t("colour")}</legend>
        <div className="flex flex-wrap gap-2">
          {PALETTE.map((p) => {
            const selected = current === p.hex;
            return (
              <button
                key={p.hex}
                type="button"
                aria-pressed={selected}
                aria-label={t("colourOption", { colour: t(`palette.${p.key}`), hex: p.hex })}
                title={t(`palette.${p.key}`)}
                onClick={() => onChange({ colour: p.hex })}
                className="flex size-8 items-center justify-center rounded-full border-2 border-white ring-1 ring-slate-300 focus-visible:ring-2 focus-visible:ring-primary-600 focus-visible:outline-none aria-pressed:ring-2 aria-pressed:ring-slate-900"
                style={{ backgroundColor: p.hex }}
              >
                {selected ? <Check aria-hidden className="size-4 text-white" /> : null}
              </button>
            );
          })}
        </div>
        <div className="flex items-end gap-3">
          <div className="flex-1">
            <Field id={`${id}-colour`} label={t("colourHex")} error={errors.colour}>
              <Input
                {...fieldA11y(`${id}-colour`, { error: errors.colour })}
                value={draft.colour}
                maxLength={7}
                autoComplete="off"
                spellCheck={false}
                className="font-mono"
                placeholder="#2563EB"
                onChange={(e) => onChange({ colour: e.target.value })}
              />
            </Field>
          </div>
          <span
            aria-hidden
            className="mb-1 size-8 shrink-0 rounded-md border border-slate-300"
            style={{ backgroundColor: HEX.test(draft.colour.trim()) ? draft.colour.trim() : "transparent" }}
          />
        </div>
      </fieldset>
      <Field id={`${id}-category`} label={tc("withOptional", { label: t("category") })} hint={t("categoryHint")} error={errors.category}>
        <Input
          {...fieldA11y(`${id}-category`, { hint: true, error: errors.category })}
          value={draft.category}
          maxLength={60}
          autoComplete="off"
          onChange={(e) => onChange({ category: e.target.value })}
        />
      </Field>
      <div className="flex items-start gap-2.5">
        <input
          id={`${id}-sensitive`}
          type="checkbox"
          className="mt-0.5 size-4 shrink-0 accent-primary-700"
          aria-describedby={`${id}-sensitive-hint`}
          checked={draft.sensitive}
          onChange={(e) => onChange({ sensitive: e.target.checked })}
        />
        <div>
          <label htmlFor={`${id}-sensitive`} className="flex items-center gap-1 text-sm font-medium text-slate-800">
            <Lock aria-hidden className="size-3.5 text-slate-500" />
            {t("sensitiveLabel")}
          </label>
          <p id={`${id}-sensitive-hint`} className="mt-0.5 text-xs text-slate-600">
            {t("sensitiveHint")}
          </p>
        </div>
      </div>
    </>
  );
}

function CreateTag() {
  const t = useTranslations("settings.tags");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const validate = useValidate();
  const id = useId();
  const nameRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const create = useMutation(
    trpc.tag.create.mutationOptions({
      onSuccess: async (tag) => {
        toast.show({ tone: "success", message: t("created", { name: tag.name }) });
        setDraft(EMPTY);
        setErrors({});
        await queryClient.invalidateQueries({ queryKey: trpc.tag.catalogue.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.tag.list.queryKey() });
        nameRef.current?.focus();
      },
      onError: (error) => setErrors(serverErrors(error)),
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate(draft);
    setErrors(found);
    if (found.name) return nameRef.current?.focus();
    if (found.colour || found.category) return;
    create.mutate(toInput(draft));
  }

  return (
    <Card>
      <CardHeader>
        <CardTitle id={`${id}-title`}>{t("createTitle")}</CardTitle>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} className="space-y-4">
          <TagFields
            id={id}
            draft={draft}
            errors={errors}
            nameRef={nameRef}
            onChange={(d) => {
              setDraft((x) => ({ ...x, ...d }));
              setErrors((x) => ({ ...x, ...Object.fromEntries(Object.keys(d).map((k) => [k, undefined])) }));
            }}
          />
          <Button type="submit" className="w-full" disabled={create.isPending}>
            <Plus aria-hidden className="size-4" />
            {create.isPending ? tc("saving") : t("create")}
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}

function EditDialog({ tag, onClose }: { tag: Tag; onClose: () => void }) {
  const t = useTranslations("settings.tags");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const validate = useValidate();
  const id = useId();
  const [draft, setDraft] = useState<Draft>({ name: tag.name, colour: tag.colour.toUpperCase(), category: tag.category ?? "", sensitive: tag.sensitive });
  const [errors, setErrors] = useState<Errors>({});
  const update = useMutation(
    trpc.tag.update.mutationOptions({
      onSuccess: async (saved) => {
        toast.show({ tone: "success", message: t("saved", { name: saved.name }) });
        await queryClient.invalidateQueries({ queryKey: trpc.tag.catalogue.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.tag.list.queryKey() });
        onClose();
      },
      onError: (error) => setErrors(serverErrors(error)),
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate(draft);
    setErrors(found);
    if (found.name || found.colour || found.category) return;
    update.mutate({ id: tag.id, ...toInput(draft) });
  }

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent title={t("editTitle")} description={tag.name} closeLabel={tc("close")}>
        <form onSubmit={submit} noValidate className="space-y-4">
          <TagFields id={id} draft={draft} errors={errors} onChange={(d) => setDraft((x) => ({ ...x, ...d }))} />
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={update.isPending}>
              {update.isPending ? tc("saving") : tc("save")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
