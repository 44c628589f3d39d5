"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { ArrowRightLeft, Search, SlidersHorizontal, UserPlus, Users, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { formatDate } from "@/app/_components/format";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { EmptyState } from "@/app/_components/ui/empty-state";
import { Input } from "@/app/_components/ui/input";
import { Label } from "@/app/_components/ui/label";
import { Select } from "@/app/_components/ui/select";
import { Skeleton } from "@/app/_components/ui/skeleton";
import { Table, TableBody, TableCell, TableFrame, TableHead, TableHeaderCell, TableRow } from "@/app/_components/ui/table";
import { useTRPC } from "@/app/_trpc/client";
import { CardStatusBadge, TagChip, useDebounced, type CardStatus } from "./patient-ui";
import { ReassignDialog } from "./reassign-dialog";

const AGE_BANDS = { "0-17": [0, 17], "18-44": [18, 44], "45-59": [45, 59], "60-74": [60, 74], "75+": [75, 150] } as const;
type AgeBand = keyof typeof AGE_BANDS;
type LastContact = "" | "7d" | "30d" | "over30" | "over90" | "never";
type Sort = "createdDesc" | "createdAsc" | "birthDateAsc" | "birthDateDesc";

interface Filters {
  tagId: string;
  managerUserId: string;
  cardStatus: "" | CardStatus;
  level: string;
  age: "" | AgeBand;
  sex: "" | "male" | "female" | "unknown";
  lastContact: LastContact;
  sort: Sort;
}
const NO_FILTERS: Filters = { tagId: "", managerUserId: "", cardStatus: "", level: "", age: "", sex: "", lastContact: "", sort: "createdDesc" };

/** Start of today (UTC) minus `days`: stable for the whole day, so the query key does not churn. */
function daysAgo(days: number): Date {
  const d = new Date();
  d.setUTCHours(0, 0, 0, 0);
  d.setUTCDate(d.getUTCDate() - days);
  return d;
}

export function PatientList({ slug, timeZone, canWrite, canAssign }: { slug: string; timeZone: string; canWrite: boolean; canAssign: boolean }) {
  const t = useTranslations("patients");
  const tu = useTranslations("patients.ui.list");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const id = useId();
  const [q, setQ] = useState("");
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [showFilters, setShowFilters] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reassigning, setReassigning] = useState(false);
  const query = useDebounced(q.trim(), 250);
  const level = useDebounced(filters.level.trim(), 300);

  const tags = useQuery(trpc.tag.list.queryOptions());
  const managers = useQuery(trpc.panel.managers.queryOptions({}));

  const input = useMemo(() => {
    const band = filters.age ? AGE_BANDS[filters.age] : null;
    const lc = filters.lastContact;
    return {
      q: query || undefined,
      tagIds: filters.tagId ? [filters.tagId] : undefined,
      managerUserId: filters.managerUserId || undefined,
      cardStatus: filters.cardStatus || undefined,
      level: level || undefined,
      ageMin: band?.[0],
      ageMax: band?.[1],
      sex: filters.sex || undefined,
      lastContactAfter: lc === "7d" ? daysAgo(7) : lc === "30d" ? daysAgo(30) : undefined,
      lastContactBefore: lc === "over30" ? daysAgo(30) : lc === "over90" ? daysAgo(90) : lc === "never" ? new Date(0) : undefined,
      sort: filters.sort,
      limit: 30,
    };
  }, [query, filters, level]);

  const list = useInfiniteQuery(trpc.patient.list.infiniteQueryOptions(input, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const activeFilters = (Object.keys(NO_FILTERS) as (keyof Filters)[]).filter((k) => k !== "sort" && filters[k] !== "").length;
  const searching = !!query || activeFilters > 0;

  function set<K extends keyof Filters>(key: K, value: Filters[K]) {
    setFilters((f) => ({ ...f, [key]: value }));
    setSelected(new Set());
  }
  function toggle(patientId: string) {
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(patientId)) n.delete(patientId);
      else n.add(patientId);
      return n;
    });
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3">
      <h2 id={`${id}-title`} className="sr-only">
        {tu("title")}
      </h2>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <div className="relative flex-1">
          <Label htmlFor={`${id}-q`} className="sr-only">
            {t("list.search")}
          </Label>
          <Search aria-hidden className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-slate-500" />
          <Input
            id={`${id}-q`}
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setSelected(new Set());
            }}
            placeholder={t("list.search")}
            className="pl-9"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => setShowFilters((s) => !s)} aria-expanded={showFilters} aria-controls={`${id}-filters`} className="flex-1 sm:flex-none">
            <SlidersHorizontal aria-hidden className="size-4" />
            {tu("filters")}
            {activeFilters ? <span className="rounded-full bg-primary-600 px-1.5 text-xs text-white">{activeFilters}</span> : null}
          </Button>
          <div className="flex-1 sm:w-44 sm:flex-none">
            <Label htmlFor={`${id}-sort`} className="sr-only">
              {tu("sort")}
            </Label>
            <Select id={`${id}-sort`} value={filters.sort} onChange={(e) => set("sort", e.target.value as Sort)}>
              {(["createdDesc", "createdAsc", "birthDateAsc", "birthDateDesc"] as const).map((s) => (
                <option key={s} value={s}>
                  {tu(`sorts.${s}`)}
                </option>
              ))}
            </Select>
          </div>
        </div>
      </div>

      {showFilters ? (
        <div id={`${id}-filters`} className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-3 md:grid-cols-4 xl:grid-cols-7">
          <FilterSelect id={`${id}-tag`} label={t("list.filters.tag")} value={filters.tagId} onChange={(v) => set("tagId", v)} any={tu("any")}>
            {tags.data?.map((tag) => (
              <option key={tag.id} value={tag.id}>
                {tag.name}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect id={`${id}-mgr`} label={t("list.filters.manager")} value={filters.managerUserId} onChange={(v) => set("managerUserId", v)} any={tu("any")}>
            {managers.data?.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect id={`${id}-status`} label={t("list.filters.cardStatus")} value={filters.cardStatus} onChange={(v) => set("cardStatus", v as CardStatus | "")} any={tu("any")}>
            {(["active", "frozen", "expired", "cancelled"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`cardStatus.${s}`)}
              </option>
            ))}
          </FilterSelect>
          <div className="space-y-1">
            <Label htmlFor={`${id}-level`} className="text-xs text-slate-600">
              {t("list.filters.level")}
            </Label>
            <Input id={`${id}-level`} value={filters.level} onChange={(e) => set("level", e.target.value)} placeholder={tu("levelPlaceholder")} maxLength={40} />
          </div>
          <FilterSelect id={`${id}-age`} label={t("list.filters.age")} value={filters.age} onChange={(v) => set("age", v as AgeBand | "")} any={tu("any")}>
            {(Object.keys(AGE_BANDS) as AgeBand[]).map((b) => (
              <option key={b} value={b}>
                {tu(`ageBands.${b}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect id={`${id}-sex`} label={t("list.filters.sex")} value={filters.sex} onChange={(v) => set("sex", v as Filters["sex"])} any={tu("any")}>
            {(["female", "male", "unknown"] as const).map((s) => (
              <option key={s} value={s}>
                {t(`sex.${s}`)}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect id={`${id}-lc`} label={t("list.filters.lastContact")} value={filters.lastContact} onChange={(v) => set("lastContact", v as LastContact)} any={tu("any")}>
            {(["7d", "30d", "over30", "over90", "never"] as const).map((s) => (
              <option key={s} value={s}>
                {tu(`lastContact.${s}`)}
              </option>
            ))}
          </FilterSelect>
          {activeFilters ? (
            <div className="col-span-2 md:col-span-4 xl:col-span-7">
              <Button variant="ghost" size="sm" onClick={() => setFilters((f) => ({ ...NO_FILTERS, sort: f.sort }))}>
                <X aria-hidden className="size-4" />
                {tu("clearFilters")}
              </Button>
            </div>
          ) : null}
        </div>
      ) : null}

      <div className="flex min-h-8 flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600" aria-live="polite">
          {list.isPending ? tc("loading") : list.isError || rows.length === 0 ? "" : list.hasNextPage ? tu("shownMore", { count: rows.length }) : tu("shown", { count: rows.length })}
        </p>
        {canAssign && selected.size > 0 ? (
          <div className="flex items-center gap-2">
            <span className="text-sm text-slate-700">{tu("selected", { count: selected.size })}</span>
            <Button size="sm" onClick={() => setReassigning(true)}>
              <ArrowRightLeft aria-hidden className="size-4" />
              {tu("reassignSelected")}
            </Button>
          </div>
        ) : null}
      </div>

      {list.isPending ? (
        <div className="space-y-2" aria-busy="true">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-11 w-full" />
          ))}
        </div>
      ) : list.isError ? (
        <Alert tone="error">
          {tu("loadFailed")}{" "}
          <button type="button" className="font-medium underline" onClick={() => list.refetch()}>
            {tc("retry")}
          </button>
        </Alert>
      ) : rows.length === 0 ? (
        searching ? (
          <EmptyState icon={Search} title={t("list.empty")} description={tu("emptySearch")}>
            <Button
              variant="secondary"
              onClick={() => {
                setQ("");
                setFilters(NO_FILTERS);
              }}
            >
              {tu("clearSearch")}
            </Button>
          </EmptyState>
        ) : (
          <EmptyState icon={Users} title={tu("emptyTitle")} description={canWrite ? tu("emptyWrite") : tu("emptyRead")}>
            {canWrite ? (
              <Button asChild>
                <Link href={`/h/${slug}/patients/new`}>
                  <UserPlus aria-hidden className="size-4" />
                  {tu("emptyAction")}
                </Link>
              </Button>
            ) : null}
          </EmptyState>
        )
      ) : (
        <>
          <TableFrame className="max-h-[70vh]">
            <Table>
              <TableHead>
                <tr>
                  {canAssign ? (
                    <TableHeaderCell className="w-8">
                      <input
                        type="checkbox"
                        aria-label={tu("selectAll")}
                        className="size-4 accent-primary-600"
                        checked={rows.length > 0 && rows.every((r) => selected.has(r.id))}
                        onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                      />
                    </TableHeaderCell>
                  ) : null}
                  <TableHeaderCell>{t("fields.name")}</TableHeaderCell>
                  <TableHeaderCell className="hidden md:table-cell">{t("fields.phone")}</TableHeaderCell>
                  <TableHeaderCell>{tu("colCard")}</TableHeaderCell>
                  <TableHeaderCell className="hidden lg:table-cell">{tu("colTags")}</TableHeaderCell>
                  <TableHeaderCell className="hidden md:table-cell">{t("list.filters.manager")}</TableHeaderCell>
                  <TableHeaderCell className="hidden xl:table-cell">{t("list.filters.lastContact")}</TableHeaderCell>
                </tr>
              </TableHead>
              <TableBody>
                {rows.map((p) => {
                  const href = `/h/${slug}/patients/${p.id}`;
                  return (
                    <TableRow
                      key={p.id}
                      className="cursor-pointer"
                      onClick={(e) => {
                        if ((e.target as HTMLElement).closest("a,button,input")) return;
                        router.push(href);
                      }}
                    >
                      {canAssign ? (
                        <TableCell className="w-8">
                          <input type="checkbox" className="size-4 accent-primary-600" aria-label={tu("selectRow", { name: p.nameMasked })} checked={selected.has(p.id)} onChange={() => toggle(p.id)} />
                        </TableCell>
                      ) : null}
                      <TableCell>
                        <Link href={href} className="font-medium text-slate-900 hover:text-primary-700 hover:underline focus-visible:outline-2 focus-visible:outline-primary-600">
                          {p.nameMasked}
                        </Link>
                        <span className="ml-2 text-xs text-slate-600">
                          {t(`sex.${p.sex}`)}
                          {p.age !== null ? ` · ${tu("age", { age: p.age })}` : ""}
                        </span>
                        <span className="block text-xs text-slate-600 tabular-nums md:hidden">{p.phoneMasked ?? ""}</span>
                      </TableCell>
                      <TableCell className="hidden text-slate-700 tabular-nums md:table-cell">{p.phoneMasked ?? "—"}</TableCell>
                      <TableCell>
                        {p.card ? (
                          <div className="flex flex-wrap items-center gap-1.5">
                            <span className="text-sm">{p.card.level}</span>
                            <CardStatusBadge status={p.card.status} />
                          </div>
                        ) : (
                          <span className="text-slate-500">{tu("noCard")}</span>
                        )}
                      </TableCell>
                      <TableCell className="hidden lg:table-cell">
                        <div className="flex max-w-72 flex-wrap gap-1">
                          {p.tags.slice(0, 3).map((tag) => (
                            <TagChip key={tag.id} tag={tag} />
                          ))}
                          {p.tags.length > 3 ? <span className="text-xs text-slate-600">+{p.tags.length - 3}</span> : null}
                        </div>
                      </TableCell>
                      <TableCell className="hidden text-slate-700 md:table-cell">{p.manager?.name ?? <span className="text-slate-500">{tu("unassigned")}</span>}</TableCell>
                      <TableCell className="hidden text-slate-700 tabular-nums xl:table-cell">{p.lastContactAt ? formatDate(p.lastContactAt, locale, timeZone) : <span className="text-slate-500">{tu("never")}</span>}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableFrame>
          {list.hasNextPage ? (
            <div className="flex justify-center">
              <Button variant="secondary" onClick={() => list.fetchNextPage()} disabled={list.isFetchingNextPage}>
                {list.isFetchingNextPage ? tc("loading") : tc("loadMore")}
              </Button>
            </div>
          ) : null}
        </>
      )}
      {reassigning ? (
        <ReassignDialog
          patientIds={[...selected]}
          onClose={() => setReassigning(false)}
          onDone={() => {
            setSelected(new Set());
            void list.refetch();
          }}
        />
      ) : null}
    </section>
  );
}

function FilterSelect({ id, label, value, onChange, any, children }: { id: string; label: string; value: string; onChange: (v: string) => void; any: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <Label htmlFor={id} className="text-xs text-slate-600">
        {label}
      </Label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{any}</option>
        {children}
      </Select>
    </div>
  );
}
