"use client";

import { useMutation } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useToast } from "@/app/_components/ui/toast";
import { serverFieldErrors } from "@/app/_components/server-errors";
import { useTRPC } from "@/app/_trpc/client";
import { isValidCardNumber } from "@/server/modules/patient/rules/card-number";
import { todayIn } from "@/server/modules/patient/rules/card-status";
import { plusOneYear } from "./card-dates";

type Errors = Partial<Record<"level" | "cardNumber" | "servicePackage" | "validFrom" | "validTo", string>>;
const FIELDS = ["level", "cardNumber", "servicePackage", "validFrom", "validTo"] as const;

/** A further member card for this patient (same fields as at card opening; the patient is not touched). */
export function OpenAnotherCardDialog({ patientId, timeZone, onClose, onDone }: { patientId: string; timeZone: string; onClose: () => void; onDone: () => void }) {
  const tu = useTranslations("patients.ui.openCard");
  const tc = useTranslations("patients.ui.cards");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const toast = useToast();
  const id = useId();
  const [level, setLevel] = useState("");
  const [cardNumber, setCardNumber] = useState("");
  const [servicePackage, setServicePackage] = useState("");
  const [validFrom, setValidFrom] = useState(() => todayIn(timeZone));
  const [validTo, setValidTo] = useState(() => plusOneYear(validFrom));
  const [entitlements, setEntitlements] = useState<{ name: string; remaining: string }[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string>();
  const open = useMutation(
    trpc.card.open.mutationOptions({
      onSuccess: (out) => {
        toast.show({ tone: "success", message: tu("cardAdded", { card: out.cardNumber }) });
        onDone();
        onClose();
      },
      onError: (e) => {
        const { fields, form } = serverFieldErrors(e, FIELDS.map((f) => `card.${f}`));
        setErrors(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.replace(/^card\./, ""), v])));
        setFormError(form);
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const next: Errors = {};
    if (!level.trim()) next.level = tu("errors.levelRequired");
    if (cardNumber.trim() && !isValidCardNumber(cardNumber)) next.cardNumber = tu("errors.cardNumber");
    if (!validFrom) next.validFrom = tu("errors.required");
    if (!validTo) next.validTo = tu("errors.required");
    else if (validFrom && validTo < validFrom) next.validTo = tu("errors.validity");
    setErrors(next);
    setFormError(undefined);
    if (Object.values(next).some(Boolean)) return;
    open.mutate({
      patientId,
      card: {
        cardNumber: cardNumber.trim() || undefined,
        level: level.trim(),
        servicePackage: servicePackage.trim() || undefined,
        validFrom,
        validTo,
        entitlements: entitlements.filter((x) => x.name.trim()).map((x) => ({ code: x.name.trim().slice(0, 40), name: x.name.trim(), remaining: Number(x.remaining) || 0 })),
      },
    });
  }

  const f = (name: keyof Errors, opts: { hint?: boolean; required?: boolean } = {}) => fieldA11y(`${id}-${name}`, { ...opts, error: errors[name] });
  const clear = (name: keyof Errors) => setErrors((all) => ({ ...all, [name]: undefined }));

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={tc("openAnotherTitle")} description={tc("openAnotherBody")} closeLabel={common("close")} className="max-w-lg">
        <form onSubmit={submit} noValidate className="space-y-4">
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id={`${id}-level`} label={tu("level")} error={errors.level} required>
              <Input {...f("level", { required: true })} value={level} maxLength={40} list={`${id}-levels`} autoComplete="off" autoFocus onChange={(e) => (setLevel(e.target.value), clear("level"))} />
              <datalist id={`${id}-levels`}>
                {(["silver", "gold", "platinum", "diamond"] as const).map((l) => (
                  <option key={l} value={tu(`levels.${l}`)} />
                ))}
              </datalist>
            </Field>
            <Field id={`${id}-cardNumber`} label={common("withOptional", { label: tu("cardNumber") })} hint={tu("cardNumberHint")} error={errors.cardNumber}>
              <Input {...f("cardNumber", { hint: true })} value={cardNumber} inputMode="numeric" maxLength={20} autoComplete="off" className="tabular-nums" onChange={(e) => (setCardNumber(e.target.value), clear("cardNumber"))} />
            </Field>
            <div className="sm:col-span-2">
              <Field id={`${id}-servicePackage`} label={common("withOptional", { label: tu("servicePackage") })} error={errors.servicePackage}>
                <Input {...f("servicePackage")} value={servicePackage} maxLength={100} autoComplete="off" onChange={(e) => setServicePackage(e.target.value)} />
              </Field>
            </div>
            <Field id={`${id}-validFrom`} label={tu("validFrom")} error={errors.validFrom} required>
              <Input {...f("validFrom", { required: true })} type="date" value={validFrom} onChange={(e) => (setValidFrom(e.target.value), clear("validFrom"))} />
            </Field>
            <Field id={`${id}-validTo`} label={tu("validTo")} error={errors.validTo} required>
              <Input {...f("validTo", { required: true })} type="date" min={validFrom} value={validTo} onChange={(e) => (setValidTo(e.target.value), clear("validTo"))} />
            </Field>
          </div>
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">{common("withOptional", { label: tu("entitlements") })}</legend>
            <p className="mt-0.5 text-xs text-slate-600">{tu("entitlementsHint")}</p>
            <ul className="mt-2 space-y-2">
              {entitlements.map((x, i) => (
                <li key={i} className="flex items-end gap-2">
                  <div className="flex-1">
                    <label htmlFor={`${id}-ent-${i}-name`} className="text-xs text-slate-600">
                      {tu("entitlementName")}
                    </label>
                    <Input id={`${id}-ent-${i}-name`} value={x.name} maxLength={100} onChange={(ev) => setEntitlements((all) => all.map((y, j) => (j === i ? { ...y, name: ev.target.value } : y)))} />
                  </div>
                  <div className="w-24">
                    <label htmlFor={`${id}-ent-${i}-n`} className="text-xs text-slate-600">
                      {tu("entitlementRemaining")}
                    </label>
                    <Input id={`${id}-ent-${i}-n`} type="number" min={0} max={100000} inputMode="numeric" value={x.remaining} onChange={(ev) => setEntitlements((all) => all.map((y, j) => (j === i ? { ...y, remaining: ev.target.value } : y)))} />
                  </div>
                  <Button type="button" variant="ghost" size="md" aria-label={tu("removeEntitlement", { n: i + 1 })} onClick={() => setEntitlements((all) => all.filter((_, j) => j !== i))}>
                    <Trash2 aria-hidden className="size-4" />
                  </Button>
                </li>
              ))}
            </ul>
            <Button type="button" variant="secondary" size="sm" className="mt-2" onClick={() => setEntitlements((all) => [...all, { name: "", remaining: "1" }])}>
              <Plus aria-hidden className="size-4" />
              {tu("addEntitlement")}
            </Button>
          </fieldset>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {common("cancel")}
            </Button>
            <Button type="submit" disabled={open.isPending}>
              {tc("openAnotherSubmit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
