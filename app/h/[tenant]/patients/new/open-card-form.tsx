"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { CheckCircle2, CreditCard, Plus, Trash2, UserRound, UsersRound } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import { isValidCardNumber } from "@/server/modules/patient/rules/card-number";
import { parseIdNumber } from "@/server/modules/patient/rules/id-number";
import { isValidMobile } from "@/server/modules/patient/rules/phone";
import { serverFieldErrors } from "@/app/_components/server-errors";
import { formatIsoDate } from "../_components/format-iso-date";

type Sex = "male" | "female" | "unknown";
interface Entitlement {
  name: string;
  remaining: string;
}
interface Candidate {
  id: string;
  nameMasked: string;
  phoneMasked: string | null;
  matchedOn: ("idNumber" | "phone")[];
}

const today = () => new Date().toISOString().slice(0, 10);
function plusYears(iso: string, years: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(y! + years, m! - 1, d!));
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

export function OpenCardForm({ slug, canPickDepartment }: { slug: string; timeZone: string; canPickDepartment: boolean }) {
  const t = useTranslations("patients");
  const tu = useTranslations("patients.ui.openCard");
  const tc = useTranslations("common");
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const toast = useToast();
  const id = useId();

  const [name, setName] = useState("");
  const [idNumber, setIdNumber] = useState("");
  const [sex, setSex] = useState<Sex | "">("");
  const [birthDate, setBirthDate] = useState("");
  const [phone, setPhone] = useState("");
  const [email, setEmail] = useState("");
  const [address, setAddress] = useState("");
  const [ecName, setEcName] = useState("");
  const [ecPhone, setEcPhone] = useState("");
  const [ecRelation, setEcRelation] = useState("");
  const [sourceChannel, setSourceChannel] = useState("");
  const [cardNumber, setCardNumber] = useState("");
  const [level, setLevel] = useState("");
  const [servicePackage, setServicePackage] = useState("");
  const [validFrom, setValidFrom] = useState(today);
  const [validTo, setValidTo] = useState(() => plusYears(today(), 1));
  const [entitlements, setEntitlements] = useState<Entitlement[]>([]);
  const [departmentId, setDepartmentId] = useState("");
  const [managerUserId, setManagerUserId] = useState("");
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [formError, setFormError] = useState<string>();
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [leaving, setLeaving] = useState(false);

  const idFacts = useMemo(() => {
    const v = idNumber.trim();
    if (!v) return null;
    return parseIdNumber(v);
  }, [idNumber]);
  const derived = idFacts?.ok ? idFacts.facts : null;

  const departments = useQuery({ ...trpc.department.list.queryOptions(), enabled: canPickDepartment });
  const managers = useQuery(trpc.panel.managers.queryOptions({ departmentId: departmentId || undefined }));

  const open = useMutation(
    trpc.patient.openCard.mutationOptions({
      onSuccess: (out) => {
        if (out.outcome === "duplicate") {
          setCandidates(out.candidates);
          return;
        }
        toast.show({
          tone: "success",
          message: out.manager ? tu("createdWithManager", { card: out.cardNumber, manager: out.manager.name, tasks: out.taskIds.length }) : tu("createdNoManager", { card: out.cardNumber }),
        });
        setLeaving(true);
        const qs = new URLSearchParams({ opened: out.cardNumber, tasks: String(out.taskIds.length) });
        router.push(`/h/${slug}/patients/${out.patientId}?${qs}`);
      },
      onError: (e) => {
        const { fields, form } = serverFieldErrors(e);
        setErrors(mapServerFields(fields));
        setFormError(form);
      },
    }),
  );
  const openForExisting = useMutation(
    trpc.card.open.mutationOptions({
      onSuccess: (out, input) => {
        setLeaving(true);
        toast.show({ tone: "success", message: tu("cardAdded", { card: out.cardNumber }) });
        router.push(`/h/${slug}/patients/${input.patientId}?${new URLSearchParams({ opened: out.cardNumber })}`);
      },
      onError: (e) => {
        const { fields, form } = serverFieldErrors(e);
        setErrors(mapServerFields(fields));
        setFormError(form);
      },
    }),
  );

  function mapServerFields(fields: Record<string, string>) {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(fields)) out[k.replace(/^patient\./, "").replace(/^card\./, "card.")] = v;
    return out;
  }

  function cardPayload() {
    return {
      cardNumber: cardNumber.trim() || undefined,
      level: level.trim(),
      servicePackage: servicePackage.trim() || undefined,
      validFrom,
      validTo,
      entitlements: entitlements
        .filter((e) => e.name.trim())
        .map((e) => ({ code: e.name.trim().slice(0, 40), name: e.name.trim(), remaining: Number(e.remaining) || 0 })),
    };
  }

  function validate(): Record<string, string | undefined> {
    const e: Record<string, string | undefined> = {};
    if (!name.trim()) e.name = tu("errors.nameRequired");
    if (idNumber.trim() && idFacts && !idFacts.ok) e.idNumber = tu(`errors.id_${idFacts.problem}`);
    if (!idNumber.trim() && !phone.trim()) e.phone = tu("errors.idOrPhone");
    if (phone.trim() && !isValidMobile(phone)) e.phone = tu("errors.phone");
    if (email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) e.email = tu("errors.email");
    const anyEc = ecName.trim() || ecPhone.trim() || ecRelation.trim();
    if (anyEc) {
      if (!ecName.trim()) e["emergencyContact.name"] = tu("errors.required");
      if (!ecRelation.trim()) e["emergencyContact.relation"] = tu("errors.required");
      if (!isValidMobile(ecPhone)) e["emergencyContact.phone"] = tu("errors.phone");
    }
    if (!idNumber.trim() && !birthDate) e.birthDate = tu("errors.birthRequired");
    if (birthDate && birthDate > today()) e.birthDate = tu("errors.birthFuture");
    if (cardNumber.trim() && !isValidCardNumber(cardNumber)) e["card.cardNumber"] = tu("errors.cardNumber");
    if (!level.trim()) e["card.level"] = tu("errors.levelRequired");
    if (!validFrom) e["card.validFrom"] = tu("errors.required");
    if (!validTo) e["card.validTo"] = tu("errors.required");
    else if (validFrom && validTo < validFrom) e["card.validTo"] = tu("errors.validity");
    return e;
  }

  function submit(ev: FormEvent) {
    ev.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(undefined);
    const first = Object.keys(found).find((k) => found[k]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const ec = ecName.trim() ? { name: ecName.trim(), phone: ecPhone.trim(), relation: ecRelation.trim() } : undefined;
    open.mutate({
      patient: {
        name: name.trim(),
        sex: derived ? derived.sex : sex || undefined,
        birthDate: derived ? derived.birthDate : birthDate || undefined,
        idNumber: idNumber.trim() || undefined,
        phone: phone.trim() || undefined,
        email: email.trim() || undefined,
        address: address.trim() || undefined,
        emergencyContact: ec,
        sourceChannel: sourceChannel.trim() || undefined,
      },
      card: cardPayload(),
      departmentId: departmentId || undefined,
      managerUserId: managerUserId || undefined,
    });
  }

  const f = (key: string, opts: { hint?: boolean; required?: boolean } = {}) => ({
    ...fieldA11y(`${id}-${key}`, { hint: opts.hint, error: errors[key], required: opts.required }),
  });
  const clear = (key: string) => errors[key] && setErrors((x) => ({ ...x, [key]: undefined }));
  const busy = open.isPending || openForExisting.isPending || leaving;

  return (
    <form onSubmit={submit} noValidate className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
      <div className="min-w-0 space-y-6">
        {candidates ? (
          <section ref={(el) => el?.scrollIntoView({ block: "start" })} aria-labelledby={`${id}-dup`} className="rounded-lg border border-amber-300 bg-amber-50 p-4" role="alert">
            <h2 id={`${id}-dup`} className="flex items-center gap-2 text-base font-semibold text-amber-950">
              <UsersRound aria-hidden className="size-5" />
              {t("duplicate.title")}
            </h2>
            <p className="mt-1 text-sm text-amber-950">{t("duplicate.body")}</p>
            <ul className="mt-3 divide-y divide-amber-200 rounded-md border border-amber-200 bg-white">
              {candidates.map((c) => (
                <li key={c.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
                  <div>
                    <p className="font-medium text-slate-900">
                      {c.nameMasked} <span className="ml-1 text-sm font-normal text-slate-600 tabular-nums">{c.phoneMasked ?? ""}</span>
                    </p>
                    <p className="text-xs text-amber-900">{c.matchedOn.map((m) => t(`duplicate.matchedOn.${m}`)).join(" · ")}</p>
                  </div>
                  <div className="flex gap-2">
                    <Button type="button" variant="secondary" size="sm" asChild>
                      <Link href={`/h/${slug}/patients/${c.id}`}>{tu("viewExisting")}</Link>
                    </Button>
                    <Button
                      type="button"
                      size="sm"
                      disabled={busy}
                      onClick={() => {
                        const found = validate();
                        const cardErrors = Object.fromEntries(Object.entries(found).filter(([k]) => k.startsWith("card.")));
                        setErrors(cardErrors);
                        if (Object.values(cardErrors).some(Boolean)) return;
                        openForExisting.mutate({ patientId: c.id, card: cardPayload() });
                      }}
                    >
                      <CreditCard aria-hidden className="size-4" />
                      {tu("openForExisting")}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
            <p className="mt-2 text-xs text-amber-900">{tu("duplicateHint")}</p>
          </section>
        ) : null}
        {formError ? (
          <div ref={(el) => el?.scrollIntoView({ block: "center" })}>
            <Alert tone="error">{formError}</Alert>
          </div>
        ) : null}

        <Section icon={<UserRound aria-hidden className="size-4" />} title={tu("patientSection")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id={`${id}-name`} label={t("fields.name")} error={errors.name} required>
              <Input {...f("name", { required: true })} value={name} maxLength={50} autoComplete="off" onChange={(e) => (setName(e.target.value), clear("name"))} />
            </Field>
            <Field
              id={`${id}-idNumber`}
              label={tc("withOptional", { label: t("fields.idNumber") })}
              hint={derived ? tu("derived", { birth: formatIsoDate(derived.birthDate, locale), sex: t(`sex.${derived.sex}`) }) : tu("idHint")}
              error={errors.idNumber}
            >
              <Input
                {...f("idNumber", { hint: true })}
                value={idNumber}
                maxLength={20}
                inputMode="text"
                autoComplete="off"
                spellCheck={false}
                className="tabular-nums uppercase"
                onChange={(e) => (setIdNumber(e.target.value), clear("idNumber"))}
                onBlur={() => idNumber.trim() && idFacts && !idFacts.ok && setErrors((x) => ({ ...x, idNumber: tu(`errors.id_${idFacts.problem}`) }))}
              />
            </Field>
            <Field id={`${id}-sex`} label={t("list.filters.sex")} hint={derived ? tu("fromId") : undefined}>
              <Select {...f("sex", { hint: !!derived })} value={derived ? derived.sex : sex} disabled={!!derived} onChange={(e) => setSex(e.target.value as Sex)}>
                <option value="">{tu("chooseSex")}</option>
                <option value="female">{t("sex.female")}</option>
                <option value="male">{t("sex.male")}</option>
                <option value="unknown">{t("sex.unknown")}</option>
              </Select>
            </Field>
            <Field id={`${id}-birthDate`} label={t("fields.birthDate")} hint={derived ? tu("fromId") : tu("birthHint")} error={errors.birthDate} required={!idNumber.trim()}>
              <Input {...f("birthDate", { hint: true, required: !idNumber.trim() })} type="date" max={today()} value={derived ? derived.birthDate : birthDate} disabled={!!derived} onChange={(e) => (setBirthDate(e.target.value), clear("birthDate"))} />
            </Field>
            <Field id={`${id}-phone`} label={t("fields.phone")} hint={tu("phoneHint")} error={errors.phone}>
              <Input {...f("phone", { hint: true })} type="tel" inputMode="tel" value={phone} maxLength={20} autoComplete="off" className="tabular-nums" onChange={(e) => (setPhone(e.target.value), clear("phone"))} />
            </Field>
            <Field id={`${id}-email`} label={tc("withOptional", { label: t("fields.email") })} error={errors.email}>
              <Input {...f("email")} type="email" value={email} maxLength={200} autoComplete="off" onChange={(e) => (setEmail(e.target.value), clear("email"))} />
            </Field>
            <div className="sm:col-span-2">
              <Field id={`${id}-address`} label={tc("withOptional", { label: t("fields.address") })} error={errors.address}>
                <Input {...f("address")} value={address} maxLength={300} autoComplete="off" onChange={(e) => setAddress(e.target.value)} />
              </Field>
            </div>
            <Field id={`${id}-sourceChannel`} label={tc("withOptional", { label: t("fields.sourceChannel") })} error={errors.sourceChannel}>
              <Input {...f("sourceChannel")} value={sourceChannel} maxLength={50} list={`${id}-channels`} autoComplete="off" onChange={(e) => setSourceChannel(e.target.value)} />
              <datalist id={`${id}-channels`}>
                {(["checkup", "outpatient", "referral", "online", "event"] as const).map((c) => (
                  <option key={c} value={tu(`channels.${c}`)} />
                ))}
              </datalist>
            </Field>
          </div>
          <fieldset className="mt-5 rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-medium text-slate-700">{tc("withOptional", { label: t("fields.emergencyContact") })}</legend>
            <div className="grid gap-3 sm:grid-cols-3">
              <Field id={`${id}-emergencyContact.name`} label={t("fields.name")} error={errors["emergencyContact.name"]}>
                <Input {...f("emergencyContact.name")} value={ecName} maxLength={50} autoComplete="off" onChange={(e) => (setEcName(e.target.value), clear("emergencyContact.name"))} />
              </Field>
              <Field id={`${id}-emergencyContact.relation`} label={tu("relation")} error={errors["emergencyContact.relation"]}>
                <Input {...f("emergencyContact.relation")} value={ecRelation} maxLength={20} autoComplete="off" placeholder={tu("relationPlaceholder")} onChange={(e) => (setEcRelation(e.target.value), clear("emergencyContact.relation"))} />
              </Field>
              <Field id={`${id}-emergencyContact.phone`} label={t("fields.phone")} error={errors["emergencyContact.phone"]}>
                <Input {...f("emergencyContact.phone")} type="tel" inputMode="tel" value={ecPhone} maxLength={20} autoComplete="off" onChange={(e) => (setEcPhone(e.target.value), clear("emergencyContact.phone"))} />
              </Field>
            </div>
          </fieldset>
        </Section>

        <Section icon={<CreditCard aria-hidden className="size-4" />} title={tu("cardSection")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id={`${id}-card.level`} label={tu("level")} error={errors["card.level"]} required>
              <Input {...f("card.level", { required: true })} value={level} maxLength={40} list={`${id}-levels`} autoComplete="off" onChange={(e) => (setLevel(e.target.value), clear("card.level"))} />
              <datalist id={`${id}-levels`}>
                {(["silver", "gold", "platinum", "diamond"] as const).map((l) => (
                  <option key={l} value={tu(`levels.${l}`)} />
                ))}
              </datalist>
            </Field>
            <Field id={`${id}-card.cardNumber`} label={tc("withOptional", { label: tu("cardNumber") })} hint={tu("cardNumberHint")} error={errors["card.cardNumber"]}>
              <Input {...f("card.cardNumber", { hint: true })} value={cardNumber} inputMode="numeric" maxLength={20} autoComplete="off" className="tabular-nums" onChange={(e) => (setCardNumber(e.target.value), clear("card.cardNumber"))} />
            </Field>
            <div className="sm:col-span-2">
              <Field id={`${id}-card.servicePackage`} label={tc("withOptional", { label: tu("servicePackage") })} error={errors["card.servicePackage"]}>
                <Input {...f("card.servicePackage")} value={servicePackage} maxLength={100} autoComplete="off" onChange={(e) => setServicePackage(e.target.value)} />
              </Field>
            </div>
            <Field id={`${id}-card.validFrom`} label={tu("validFrom")} error={errors["card.validFrom"]} required>
              <Input {...f("card.validFrom", { required: true })} type="date" value={validFrom} onChange={(e) => (setValidFrom(e.target.value), clear("card.validFrom"))} />
            </Field>
            <Field id={`${id}-card.validTo`} label={tu("validTo")} error={errors["card.validTo"]} required>
              <Input {...f("card.validTo", { required: true })} type="date" min={validFrom} value={validTo} onChange={(e) => (setValidTo(e.target.value), clear("card.validTo"))} />
            </Field>
          </div>
          <fieldset className="mt-5">
            <legend className="text-sm font-medium text-slate-700">{tc("withOptional", { label: tu("entitlements") })}</legend>
            <p className="mt-0.5 text-xs text-slate-600">{tu("entitlementsHint")}</p>
            <ul className="mt-2 space-y-2">
              {entitlements.map((e, i) => (
                <li key={i} className="flex items-end gap-2">
                  <div className="flex-1">
                    <label htmlFor={`${id}-ent-${i}-name`} className="text-xs text-slate-600">
                      {tu("entitlementName")}
                    </label>
                    <Input id={`${id}-ent-${i}-name`} value={e.name} maxLength={100} onChange={(ev) => setEntitlements((all) => all.map((x, j) => (j === i ? { ...x, name: ev.target.value } : x)))} />
                  </div>
                  <div className="w-28">
                    <label htmlFor={`${id}-ent-${i}-n`} className="text-xs text-slate-600">
                      {tu("entitlementRemaining")}
                    </label>
                    <Input id={`${id}-ent-${i}-n`} type="number" min={0} max={100000} inputMode="numeric" value={e.remaining} onChange={(ev) => setEntitlements((all) => all.map((x, j) => (j === i ? { ...x, remaining: ev.target.value } : x)))} />
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
        </Section>
      </div>

      <aside className="space-y-4 xl:sticky xl:top-4">
        <Card>
          <CardHeader>
            <CardTitle>{tu("assignSection")}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-4">
            {canPickDepartment ? (
              <Field id={`${id}-departmentId`} label={tu("department")} error={errors.departmentId}>
                <Select {...f("departmentId")} value={departmentId} onChange={(e) => (setDepartmentId(e.target.value), setManagerUserId(""))}>
                  <option value="">{tu("anyDepartment")}</option>
                  {departments.data?.map((d) => (
                    <option key={d.id} value={d.id}>
                      {locale === "en" && d.nameEn ? d.nameEn : d.name}
                    </option>
                  ))}
                </Select>
              </Field>
            ) : null}
            <Field id={`${id}-managerUserId`} label={t("list.filters.manager")} hint={managerUserId ? undefined : tu("autoHint")} error={errors.managerUserId}>
              <Select {...f("managerUserId", { hint: !managerUserId })} value={managerUserId} onChange={(e) => setManagerUserId(e.target.value)}>
                <option value="">{tu("auto")}</option>
                {managers.data?.map((m) => (
                  <option key={m.id} value={m.id}>
                    {tu("managerOption", { name: m.name, count: m.activePatients })}
                  </option>
                ))}
              </Select>
            </Field>
            {managers.data && managers.data.length === 0 ? <Alert tone="info">{tu("noManagers")}</Alert> : null}
            <Button type="submit" className="w-full" size="lg" disabled={busy}>
              <CheckCircle2 aria-hidden className="size-5" />
              {leaving ? tu("opening") : open.isPending ? tc("saving") : tu("submit")}
            </Button>
            <p className="text-xs text-slate-600">{tu("afterSubmit")}</p>
          </CardContent>
        </Card>
      </aside>
    </form>
  );
}

function Section({ icon, title, children }: { icon: ReactNode; title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
      <h2 id={id} className="mb-4 flex items-center gap-2 text-base font-semibold text-slate-900">
        <span className="flex size-7 items-center justify-center rounded-md bg-primary-50 text-primary-700">{icon}</span>
        {title}
      </h2>
      {children}
    </section>
  );
}
