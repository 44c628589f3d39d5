"use client";

import { useEffect, useState } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { cn } from "@/app/_components/ui/cn";
import { useTranslations } from "next-intl";
import { Lock, X } from "lucide-react";

export type CardStatus = "active" | "frozen" | "expired" | "cancelled";

export interface TagChipData {
  id: string;
  name: string;
  colour: string;
  sensitive: boolean;
}

export function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

const STATUS_TONE = { active: "ok", frozen: "attention", expired: "neutral", cancelled: "critical" } as const;

export function CardStatusBadge({ status }: { status: CardStatus }) {
  const t = useTranslations("patients");
  return (
    <Badge tone={STATUS_TONE[status]}>
      <span aria-hidden className={cn("size-1.5 rounded-full", status === "active" ? "bg-green-600" : status === "frozen" ? "bg-amber-600" : status === "cancelled" ? "bg-red-600" : "bg-slate-500")} />
      {t(`cardStatus.${status}`)}
    </Badge>
  );
}

/** Tag chip: the tag's own colour as a dot and border (the text carries the meaning; colour never alone). */
export function TagChip({ tag, onRemove, removeLabel }: { tag: TagChipData; onRemove?: () => void; removeLabel?: string }) {
  const t = useTranslations("patients.ui");
  return (
    <span
      className="inline-flex max-w-full items-center gap-1 rounded-full border bg-white py-0.5 pr-1.5 pl-2 text-xs font-medium text-slate-800"
      style={{ borderColor: `${tag.colour}66`, backgroundColor: `${tag.colour}14` }}
    >
      <span aria-hidden className="size-2 shrink-0 rounded-full" style={{ backgroundColor: tag.colour }} />
      <span className="truncate">{tag.name}</span>
      {tag.sensitive ? (
        <>
          <Lock aria-hidden className="size-3 text-slate-500" />
          <span className="sr-only">{t("tags.sensitive")}</span>
        </>
      ) : null}
      {onRemove ? (
        <button type="button" onClick={onRemove} aria-label={removeLabel} className="rounded-full p-0.5 text-slate-500 hover:bg-white hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-primary-600">
          <X aria-hidden className="size-3" />
        </button>
      ) : null}
    </span>
  );
}
