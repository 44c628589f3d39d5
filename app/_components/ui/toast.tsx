"use client";

import { AlertTriangle, CheckCircle2, X } from "lucide-react";
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";
import { cn } from "./cn";

type ToastTone = "success" | "error";
interface ToastItem {
  id: number;
  tone: ToastTone;
  message: ReactNode;
  action?: { label: string; onClick: () => void };
}
interface ToastApi {
  show: (toast: Omit<ToastItem, "id">) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

/** Toasts live in a polite live region (errors assertive), stay 6 s, and can carry one action such as undo. */
export function ToastProvider({ children, dismissLabel }: { children: ReactNode; dismissLabel: string }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setItems((all) => all.filter((t) => t.id !== id)), []);
  const show = useCallback(
    (toast: Omit<ToastItem, "id">) => {
      const id = next.current++;
      setItems((all) => [...all.slice(-2), { ...toast, id }]);
      setTimeout(() => dismiss(id), 6000);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="pointer-events-none fixed inset-x-0 bottom-0 z-[60] flex flex-col items-center gap-2 p-4 sm:items-end">
        <div role="status" aria-live="polite" className="contents">
          {items
            .filter((t) => t.tone === "success")
            .map((t) => (
              <ToastView key={t.id} item={t} onDismiss={dismiss} dismissLabel={dismissLabel} />
            ))}
        </div>
        <div role="alert" aria-live="assertive" className="contents">
          {items
            .filter((t) => t.tone === "error")
            .map((t) => (
              <ToastView key={t.id} item={t} onDismiss={dismiss} dismissLabel={dismissLabel} />
            ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function ToastView({ item, onDismiss, dismissLabel }: { item: ToastItem; onDismiss: (id: number) => void; dismissLabel: string }) {
  const Icon = item.tone === "success" ? CheckCircle2 : AlertTriangle;
  return (
    <div
      className={cn(
        "pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-lg border bg-white px-4 py-3 text-sm shadow-lg",
        item.tone === "success" ? "border-green-200" : "border-red-200",
      )}
    >
      <Icon aria-hidden className={cn("mt-0.5 size-4 shrink-0", item.tone === "success" ? "text-green-700" : "text-red-700")} />
      <div className="flex-1 text-slate-800">{item.message}</div>
      {item.action ? (
        <button
          type="button"
          className="font-medium text-primary-700 underline-offset-2 hover:underline"
          onClick={() => {
            item.action?.onClick();
            onDismiss(item.id);
          }}
        >
          {item.action.label}
        </button>
      ) : null}
      <button type="button" onClick={() => onDismiss(item.id)} className="rounded p-0.5 text-slate-500 hover:text-slate-800" aria-label={dismissLabel}>
        <X aria-hidden className="size-4" />
      </button>
    </div>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast needs a ToastProvider");
  return api;
}
