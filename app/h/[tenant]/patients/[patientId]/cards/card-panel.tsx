"use client";

import { CalendarPlus, CreditCard, Plus, Snowflake, Sun, XCircle } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import type { TCard } from "@/server/shared/dto/patient";
import { CardStatusBadge } from "../../_components/patient-ui";
import { formatIsoDate } from "../../_components/format-iso-date";
import { CardRenewDialog } from "./card-renew-dialog";
import { CardStatusDialog, type CardAction } from "./card-status-dialog";
import { OpenAnotherCardDialog } from "./open-another-card-dialog";

type Pending = { kind: "status"; card: TCard; action: CardAction } | { kind: "renew"; card: TCard } | { kind: "open" } | null;

/** The patient's member cards: status, validity, remaining entitlements and the life-cycle actions. */
export function CardPanel({ patientId, cards, canManage, timeZone, onChanged }: { patientId: string; cards: TCard[]; canManage: boolean; timeZone: string; onChanged: () => void }) {
  const tc = useTranslations("patients.ui.cards");
  const [pending, setPending] = useState<Pending>(null);
  const close = () => setPending(null);

  return (
    <Card data-testid="card-panel">
      <CardHeader className="flex items-center justify-between gap-2">
        <CardTitle className="flex items-center gap-2">
          <CreditCard aria-hidden className="size-4 text-slate-500" />
          {tc("title")}
        </CardTitle>
        {canManage ? (
          <Button variant="ghost" size="sm" onClick={() => setPending({ kind: "open" })}>
            <Plus aria-hidden className="size-4" />
            {tc("openAnother")}
          </Button>
        ) : null}
      </CardHeader>
      <CardContent>
        {cards.length === 0 ? (
          <p className="text-sm text-slate-600">{tc("none")}</p>
        ) : (
          <ul className="space-y-3">
            {cards.map((c) => (
              <CardItem key={c.id} card={c} canManage={canManage} onAction={(action) => setPending({ kind: "status", card: c, action })} onRenew={() => setPending({ kind: "renew", card: c })} />
            ))}
          </ul>
        )}
      </CardContent>
      {pending?.kind === "status" ? <CardStatusDialog card={pending.card} action={pending.action} onClose={close} onDone={onChanged} /> : null}
      {pending?.kind === "renew" ? <CardRenewDialog card={pending.card} timeZone={timeZone} onClose={close} onDone={onChanged} /> : null}
      {pending?.kind === "open" ? <OpenAnotherCardDialog patientId={patientId} timeZone={timeZone} onClose={close} onDone={onChanged} /> : null}
    </Card>
  );
}

function CardItem({ card, canManage, onAction, onRenew }: { card: TCard; canManage: boolean; onAction: (a: CardAction) => void; onRenew: () => void }) {
  const tc = useTranslations("patients.ui.cards");
  const locale = useLocale();
  const live = card.status !== "cancelled";
  return (
    <li className="rounded-md border border-slate-200 p-3" aria-label={tc("cardAria", { level: card.level, number: card.cardNumber })}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium text-slate-900">{card.level}</span>
        <CardStatusBadge status={card.status} />
      </div>
      <p className="mt-1 text-sm text-slate-700 tabular-nums">{card.cardNumber}</p>
      <p className="text-xs text-slate-600">
        {tc("validity", { from: formatIsoDate(card.validFrom, locale), to: formatIsoDate(card.validTo, locale) })}
        {card.servicePackage ? ` · ${card.servicePackage}` : ""}
      </p>
      <div className="mt-2">
        <p className="text-xs font-medium text-slate-600">{tc("entitlements")}</p>
        {card.entitlements.length ? (
          <ul className="mt-1 flex flex-wrap gap-1.5">
            {card.entitlements.map((e) => (
              <li key={e.code} className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {tc("entitlement", { name: e.name, count: e.remaining })}
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-0.5 text-xs text-slate-600">{tc("noEntitlements")}</p>
        )}
      </div>
      {canManage && live ? (
        <div className="mt-3 flex flex-wrap gap-1.5 border-t border-slate-100 pt-2" role="group" aria-label={tc("actionsFor", { level: card.level })}>
          {card.status === "active" ? (
            <Button variant="secondary" size="sm" onClick={() => onAction("freeze")}>
              <Snowflake aria-hidden className="size-4" />
              {tc("freeze")}
            </Button>
          ) : null}
          {card.status === "frozen" ? (
            <Button variant="secondary" size="sm" onClick={() => onAction("unfreeze")}>
              <Sun aria-hidden className="size-4" />
              {tc("unfreeze")}
            </Button>
          ) : null}
          <Button variant="secondary" size="sm" onClick={onRenew}>
            <CalendarPlus aria-hidden className="size-4" />
            {tc("renew")}
          </Button>
          <Button variant="ghost" size="sm" className="text-red-800 hover:bg-red-50" onClick={() => onAction("cancel")}>
            <XCircle aria-hidden className="size-4" />
            {tc("cancel")}
          </Button>
        </div>
      ) : null}
    </li>
  );
}
