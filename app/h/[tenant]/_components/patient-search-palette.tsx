"use client";

import * as DialogPrimitive from "@radix-ui/react-dialog";
import { useQuery } from "@tanstack/react-query";
import { CornerDownLeft, Search, UserRound } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";

/**
 * Global patient search (Ctrl/⌘+K) anywhere under /h/[tenant]: answers as you type through
 * patient.list (the same scope and masking as the list), arrow keys to move, Enter to open.
 */
export function PatientSearchPalette({ slug }: { slug: string }) {
  const t = useTranslations("patients");
  const tu = useTranslations("patients.ui.palette");
  const router = useRouter();
  const trpc = useTRPC();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [debounced, setDebounced] = useState("");
  const [active, setActive] = useState(0);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "k") {
        e.preventDefault();
        setOpen((o) => !o);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q.trim()), 200);
    return () => clearTimeout(h);
  }, [q]);

  const results = useQuery({ ...trpc.patient.list.queryOptions({ q: debounced, limit: 8 }), enabled: open && debounced.length > 0, placeholderData: (prev) => prev });
  const items = debounced ? (results.data?.items ?? []) : [];

  function go(patientId: string) {
    setOpen(false);
    setQ("");
    router.push(`/h/${slug}/patients/${patientId}`);
  }

  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="hidden h-9 items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-600 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-primary-600 md:inline-flex"
      >
        <Search aria-hidden className="size-4" />
        {tu("button")}
        <kbd className="rounded border border-slate-200 bg-slate-50 px-1.5 text-xs text-slate-600">⌘K</kbd>
      </button>
      <button type="button" onClick={() => setOpen(true)} aria-label={tu("button")} className="inline-flex size-9 items-center justify-center rounded-md text-slate-700 hover:bg-slate-100 md:hidden">
        <Search aria-hidden className="size-5" />
      </button>
      <DialogPrimitive.Root
        open={open}
        onOpenChange={(o) => {
          setOpen(o);
          if (!o) setQ("");
        }}
      >
        <DialogPrimitive.Portal>
          <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-slate-900/40" />
          <DialogPrimitive.Content aria-describedby={undefined} className="fixed top-[10vh] left-1/2 z-50 w-[calc(100vw-1.5rem)] max-w-xl -translate-x-1/2 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-2xl focus:outline-none">
            <DialogPrimitive.Title className="sr-only">{tu("title")}</DialogPrimitive.Title>
            <div className="flex items-center gap-2 border-b border-slate-200 px-3">
              <Search aria-hidden className="size-4 shrink-0 text-slate-500" />
              <input
                role="combobox"
                aria-expanded={items.length > 0}
                aria-controls={`${id}-list`}
                aria-activedescendant={items[active] ? `${id}-opt-${active}` : undefined}
                aria-label={t("list.search")}
                autoFocus
                value={q}
                onChange={(e) => {
                  setQ(e.target.value);
                  setActive(0);
                }}
                onKeyDown={(e) => {
                  if (e.key === "ArrowDown") {
                    e.preventDefault();
                    setActive((a) => Math.min(a + 1, Math.max(items.length - 1, 0)));
                  } else if (e.key === "ArrowUp") {
                    e.preventDefault();
                    setActive((a) => Math.max(a - 1, 0));
                  } else if (e.key === "Enter" && items[active]) {
                    e.preventDefault();
                    go(items[active].id);
                  }
                }}
                placeholder={t("list.search")}
                autoComplete="off"
                spellCheck={false}
                className="h-12 w-full bg-transparent text-base text-slate-900 placeholder:text-slate-500 focus:outline-none"
              />
              <kbd className="hidden rounded border border-slate-200 px-1.5 text-xs text-slate-500 sm:inline">Esc</kbd>
            </div>
            <ul id={`${id}-list`} role="listbox" aria-label={tu("results")} className="max-h-[50vh] overflow-y-auto p-1.5">
              {items.map((p, i) => (
                <li
                  key={p.id}
                  id={`${id}-opt-${i}`}
                  role="option"
                  aria-selected={i === active}
                  onMouseEnter={() => setActive(i)}
                  onClick={() => go(p.id)}
                  className={`flex cursor-pointer items-center gap-3 rounded-md px-3 py-2 ${i === active ? "bg-primary-50" : ""}`}
                >
                  <UserRound aria-hidden className="size-4 shrink-0 text-slate-500" />
                  <span className="min-w-0 flex-1">
                    <span className="font-medium text-slate-900">{p.nameMasked}</span>
                    <span className="ml-2 text-xs text-slate-600">
                      {t(`sex.${p.sex}`)}
                      {p.age !== null ? ` · ${tu("age", { age: p.age })}` : ""}
                    </span>
                    <span className="block text-xs text-slate-600 tabular-nums">
                      {[p.phoneMasked, p.card?.level, p.manager?.name].filter(Boolean).join(" · ")}
                    </span>
                  </span>
                  {i === active ? <CornerDownLeft aria-hidden className="size-4 text-primary-700" /> : null}
                </li>
              ))}
            </ul>
            <p className="border-t border-slate-100 px-3 py-2 text-xs text-slate-600" aria-live="polite">
              {!debounced ? tu("hint") : results.isPending ? tu("searching") : results.isError ? tu("failed") : items.length === 0 ? t("list.empty") : tu("count", { count: items.length })}
            </p>
          </DialogPrimitive.Content>
        </DialogPrimitive.Portal>
      </DialogPrimitive.Root>
    </>
  );
}
