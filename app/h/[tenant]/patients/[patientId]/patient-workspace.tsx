"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowRightLeft, Link2, Pencil, Tag, Unlink, UsersRound } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { formatDateTime } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import type { TPatientHeader } from "@/server/shared/dto/patient";
import { errorMessage } from "@/app/_components/server-errors";
import { TagChip, useDebounced } from "../_components/patient-ui";
import { AutoTagReasons } from "./auto-tag-reasons";
import { CardPanel } from "./cards/card-panel";
import { ReassignDialog } from "../_components/reassign-dialog";
import { HealthRecord } from "./health-record";
import { PatientTasks } from "./patient-tasks";
import { Timeline } from "./timeline";

type Relation = "spouse" | "parent" | "child" | "sibling" | "grandparent" | "grandchild" | "other";

export function PatientWorkspace({
  patient,
  slug,
  timeZone,
  canWriteRecord,
  canReadRecord,
  canCompleteTasks,
}: {
  patient: TPatientHeader;
  slug: string;
  timeZone: string;
  canWriteRecord: boolean;
  canReadRecord: boolean;
  canCompleteTasks: boolean;
}) {
  const tu = useTranslations("patients.ui.detail");
  const t = useTranslations("patients");
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<null | "tag" | "reassign" | "family">(null);
  const can = (a: TPatientHeader["actions"][number]) => patient.actions.includes(a);

  const refresh = () => {
    router.refresh();
    void queryClient.invalidateQueries({ queryKey: trpc.patient.timeline.pathKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.tag.history.queryKey({ patientId: patient.id }) });
    void queryClient.invalidateQueries({ queryKey: trpc.worklist.forPatient.queryKey({ patientId: patient.id }) });
  };

  const unassign = useMutation(
    trpc.tag.unassign.mutationOptions({
      onSuccess: (_o, input) => {
        const tag = patient.tags.find((x) => x.id === input.tagId);
        toast.show({
          tone: "success",
          message: tu("tagRemoved", { tag: tag?.name ?? "" }),
          action: { label: tu("undo"), onClick: () => assign.mutate({ patientId: patient.id, tagId: input.tagId }) },
        });
        refresh();
      },
      onError: (e) => toast.show({ tone: "error", message: errorMessage(e) }),
    }),
  );
  const assign = useMutation(
    trpc.tag.assign.mutationOptions({
      onSuccess: () => refresh(),
      onError: (e) => toast.show({ tone: "error", message: errorMessage(e) }),
    }),
  );
  const unlink = useMutation(
    trpc.patient.unlinkFamily.mutationOptions({
      onSuccess: () => {
        toast.show({ tone: "success", message: tu("familyUnlinked") });
        refresh();
      },
      onError: (e) => toast.show({ tone: "error", message: errorMessage(e) }),
    }),
  );

  return (
    <>
      <div className="mb-5 flex flex-wrap gap-2" role="toolbar" aria-label={tu("quickActions")}>
        {can("editRecord") && canWriteRecord ? (
          <Button
            variant="secondary"
            size="sm"
            onClick={() => {
              setEditing(true);
              requestAnimationFrame(() => document.getElementById("health-record")?.scrollIntoView({ behavior: "smooth", block: "start" }));
            }}
          >
            <Pencil aria-hidden className="size-4" />
            {tu("editRecord")}
          </Button>
        ) : null}
        {can("tag") ? (
          <Button variant="secondary" size="sm" onClick={() => setDialog("tag")}>
            <Tag aria-hidden className="size-4" />
            {tu("addTag")}
          </Button>
        ) : null}
        {can("reassign") ? (
          <Button variant="secondary" size="sm" onClick={() => setDialog("reassign")}>
            <ArrowRightLeft aria-hidden className="size-4" />
            {tu("reassign")}
          </Button>
        ) : null}
        {can("linkFamily") ? (
          <Button variant="secondary" size="sm" onClick={() => setDialog("family")}>
            <Link2 aria-hidden className="size-4" />
            {tu("linkFamily")}
          </Button>
        ) : null}
      </div>

      <div className="grid items-start gap-5 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-5">
          {canReadRecord ? (
            <HealthRecord patientId={patient.id} sex={patient.sex} timeZone={timeZone} canEdit={canWriteRecord && can("editRecord")} editing={editing} setEditing={setEditing} onSaved={refresh} />
          ) : (
            <Alert tone="info">{tu("recordNoAccess")}</Alert>
          )}
        </div>
        <div className="min-w-0 space-y-5">
          <PatientTasks patientId={patient.id} slug={slug} timeZone={timeZone} canComplete={canCompleteTasks} onChanged={refresh} />
          <Card>
            <CardHeader className="flex items-center justify-between gap-2">
              <CardTitle>{tu("tags")}</CardTitle>
            </CardHeader>
            <CardContent>
              {patient.tags.length === 0 ? (
                <p className="text-sm text-slate-600">{can("tag") ? tu("noTagsWrite") : tu("noTags")}</p>
              ) : (
                <>
                  <ul className="flex flex-wrap gap-1.5">
                    {patient.tags.map((tag) => (
                      <li key={tag.id}>
                        <TagChip
                          tag={tag}
                          onRemove={can("tag") ? () => unassign.mutate({ patientId: patient.id, tagId: tag.id }) : undefined}
                          removeLabel={tu("removeTag", { tag: tag.name })}
                        />
                      </li>
                    ))}
                  </ul>
                  <AutoTagReasons tags={patient.tags} />
                </>
              )}
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle className="flex items-center gap-2">
                <UsersRound aria-hidden className="size-4 text-slate-500" />
                {tu("family")}
              </CardTitle>
            </CardHeader>
            <CardContent>
              {patient.family.length === 0 ? (
                <p className="text-sm text-slate-600">{can("linkFamily") ? tu("noFamilyWrite") : tu("noFamily")}</p>
              ) : (
                <ul className="divide-y divide-slate-100">
                  {patient.family.map((m) => (
                    <li key={m.patientId} className="flex items-center justify-between gap-2 py-2">
                      <div>
                        {m.inScope ? (
                          <Link href={`/h/${slug}/patients/${m.patientId}`} className="font-medium text-slate-900 hover:text-primary-700 hover:underline">
                            {m.nameMasked}
                          </Link>
                        ) : (
                          <span className="font-medium text-slate-900">{m.nameMasked}</span>
                        )}
                        <span className="ml-2 text-sm text-slate-600">{t.has(`family.${m.relation}`) ? t(`family.${m.relation}` as "family.other") : m.relation}</span>
                      </div>
                      {can("linkFamily") ? (
                        <Button variant="ghost" size="sm" aria-label={tu("unlinkAria", { name: m.nameMasked })} disabled={unlink.isPending} onClick={() => unlink.mutate({ patientId: patient.id, relatedPatientId: m.patientId })}>
                          <Unlink aria-hidden className="size-4" />
                          <span className="hidden sm:inline">{tu("unlink")}</span>
                        </Button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>

          <CardPanel patientId={patient.id} cards={patient.cards} canManage={can("openCard")} timeZone={timeZone} onChanged={refresh} />

          <Timeline patientId={patient.id} timeZone={timeZone} tags={patient.tags} />
        </div>
      </div>

      {dialog === "tag" ? <AddTagDialog patientId={patient.id} assigned={patient.tags.map((x) => x.id)} timeZone={timeZone} onClose={() => setDialog(null)} onDone={refresh} /> : null}
      {dialog === "reassign" ? <ReassignDialog patientIds={[patient.id]} currentManagerId={patient.manager?.id} onClose={() => setDialog(null)} onDone={refresh} /> : null}
      {dialog === "family" ? <LinkFamilyDialog patientId={patient.id} linked={patient.family.map((f) => f.patientId)} onClose={() => setDialog(null)} onDone={refresh} /> : null}
    </>
  );
}

function AddTagDialog({ patientId, assigned, timeZone, onClose, onDone }: { patientId: string; assigned: string[]; timeZone: string; onClose: () => void; onDone: () => void }) {
  const tu = useTranslations("patients.ui.detail");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const toast = useToast();
  const id = useId();
  const tags = useQuery(trpc.tag.list.queryOptions());
  const history = useQuery(trpc.tag.history.queryOptions({ patientId }));
  const [tagId, setTagId] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const assign = useMutation(
    trpc.tag.assign.mutationOptions({
      onSuccess: () => {
        toast.show({ tone: "success", message: tu("tagAdded", { tag: tags.data?.find((x) => x.id === tagId)?.name ?? "" }) });
        onDone();
        onClose();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const available = tags.data?.filter((x) => !assigned.includes(x.id)) ?? [];

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!tagId) return setError(tu("tagRequired"));
    assign.mutate({ patientId, tagId, reason: reason.trim() || undefined });
  }

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={tu("addTag")} closeLabel={tc("close")} className="max-w-lg">
        <form onSubmit={submit} noValidate className="space-y-4">
          <Field id={`${id}-tag`} label={tu("tag")} hint={tags.data && available.length === 0 ? (tags.data.length === 0 ? tu("noTagsDefined") : tu("allTagsAssigned")) : undefined} error={error} required>
            <Select {...fieldA11y(`${id}-tag`, { hint: !!tags.data && available.length === 0, error, required: true })} value={tagId} onChange={(e) => (setTagId(e.target.value), setError(undefined))}>
              <option value="">{tags.isPending ? tc("loading") : available.length ? tu("chooseTag") : tu("noMoreTags")}</option>
              {available.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.category ? `${x.category} · ${x.name}` : x.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field id={`${id}-reason`} label={tc("withOptional", { label: tu("reason") })}>
            <Input id={`${id}-reason`} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} autoComplete="off" />
          </Field>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={assign.isPending}>
              {tu("addTag")}
            </Button>
          </DialogFooter>
        </form>
        <section className="mt-6 border-t border-slate-100 pt-4" aria-labelledby={`${id}-hist`}>
          <h3 id={`${id}-hist`} className="text-sm font-semibold text-slate-900">
            {tu("tagHistory")}
          </h3>
          {history.data?.length ? (
            <ol className="mt-2 max-h-56 space-y-1.5 overflow-y-auto text-sm">
              {history.data.map((h) => (
                <li key={h.id} className="flex flex-wrap items-center gap-x-2 text-slate-700">
                  <span className="text-xs text-slate-600 tabular-nums">{formatDateTime(h.occurredAt, locale, timeZone)}</span>
                  <span className={h.action === "add" ? "text-green-800" : "text-red-800"}>{h.action === "add" ? `+ ${tu("tagAddedShort")}` : `− ${tu("tagRemovedShort")}`}</span>
                  <TagChip tag={{ ...h.tag, sensitive: false }} />
                  <span className="text-xs text-slate-600">
                    {h.source === "rule" ? tu("byRule") : (h.actor?.name ?? "")}
                    {h.reason ? ` · ${h.reason}` : ""}
                  </span>
                </li>
              ))}
            </ol>
          ) : (
            <p className="mt-2 text-sm text-slate-600">{history.isPending ? tc("loading") : tu("tagHistoryEmpty")}</p>
          )}
        </section>
      </DialogContent>
    </Dialog>
  );
}

function LinkFamilyDialog({ patientId, linked, onClose, onDone }: { patientId: string; linked: string[]; onClose: () => void; onDone: () => void }) {
  const tu = useTranslations("patients.ui.detail");
  const t = useTranslations("patients");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const toast = useToast();
  const id = useId();
  const [q, setQ] = useState("");
  const query = useDebounced(q.trim(), 250);
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const [relation, setRelation] = useState<Relation | "">("");
  const [error, setError] = useState<string>();
  const results = useQuery({ ...trpc.patient.list.queryOptions({ q: query, limit: 8 }), enabled: query.length > 0 && !picked });
  const link = useMutation(
    trpc.patient.linkFamily.mutationOptions({
      onSuccess: () => {
        toast.show({ tone: "success", message: tu("familyLinked") });
        onDone();
        onClose();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!picked) return setError(tu("pickPatient"));
    if (!relation) return setError(tu("pickRelation"));
    link.mutate({ patientId, relatedPatientId: picked.id, relation });
  }

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={tu("linkFamily")} description={tu("linkFamilyHint")} closeLabel={tc("close")}>
        <form onSubmit={submit} noValidate className="space-y-4">
          {error ? <Alert tone="error">{error}</Alert> : null}
          {picked ? (
            <div className="flex items-center justify-between rounded-md border border-primary-200 bg-primary-50 px-3 py-2">
              <span className="font-medium text-slate-900">{picked.name}</span>
              <Button type="button" variant="ghost" size="sm" onClick={() => setPicked(null)}>
                {tu("change")}
              </Button>
            </div>
          ) : (
            <div className="space-y-2">
              <Field id={`${id}-q`} label={tu("findRelative")} hint={tu("findHint")}>
                <Input id={`${id}-q`} aria-describedby={`${id}-q-hint`} type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t("list.search")} autoComplete="off" autoFocus />
              </Field>
              {results.data ? (
                <ul className="max-h-56 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
                  {results.data.items
                    .filter((p) => p.id !== patientId && !linked.includes(p.id))
                    .map((p) => (
                      <li key={p.id}>
                        <button type="button" className="flex w-full items-center justify-between px-3 py-2 text-left text-sm hover:bg-slate-50 focus-visible:bg-primary-50 focus-visible:outline-none" onClick={() => setPicked({ id: p.id, name: p.nameMasked })}>
                          <span className="font-medium">{p.nameMasked}</span>
                          <span className="text-slate-600 tabular-nums">{p.phoneMasked ?? ""}</span>
                        </button>
                      </li>
                    ))}
                  {results.data.items.length === 0 ? <li className="px-3 py-2 text-sm text-slate-600">{t("list.empty")}</li> : null}
                </ul>
              ) : null}
            </div>
          )}
          <Field id={`${id}-rel`} label={tu("relation")} required>
            <Select {...fieldA11y(`${id}-rel`, { required: true })} value={relation} onChange={(e) => setRelation(e.target.value as Relation)}>
              <option value="">{tu("chooseRelation")}</option>
              {(["spouse", "parent", "child", "sibling", "grandparent", "grandchild", "other"] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`family.${r}`)}
                </option>
              ))}
            </Select>
          </Field>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={link.isPending}>
              {tu("linkFamily")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
