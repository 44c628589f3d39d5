"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useId, useMemo, useState, type FormEvent } from "react";
import { serverFieldErrors } from "@/app/_components/server-errors";
import { Alert } from "@/app/_components/ui/alert";
import { Button } from "@/app/_components/ui/button";
import { Dialog, DialogContent, DialogFooter } from "@/app/_components/ui/dialog";
import { Field, fieldA11y } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { Select } from "@/app/_components/ui/select";
import { useToast } from "@/app/_components/ui/toast";
import { useTRPC } from "@/app/_trpc/client";
import { localParts, zonedToUtc } from "@/server/modules/reminder/rules/zoned-time";

const KINDS = ["appointment", "recheck", "measurement", "medication", "questionnaire"] as const;
type Kind = (typeof KINDS)[number];

/** "YYYY-MM-DDTHH:mm" shown and entered in the hospital's time zone, whatever the browser's zone. */
function toLocalInput(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}
function fromLocalInput(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  return m ? zonedToUtc(+m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!, timeZone) : null;
}

export function NewReminderDialog({ patientId, timeZone, onClose }: { patientId: string; timeZone: string; onClose: () => void }) {
  const t = useTranslations("reminders.reminders");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const id = useId();
  const consent = useQuery(trpc.consent.get.queryOptions({ patientId }));
  const initialSend = useMemo(() => toLocalInput(new Date(Date.now() + 60_000), timeZone), [timeZone]);
  const [kind, setKind] = useState<Kind>("measurement");
  const [purpose, setPurpose] = useState<"care" | "marketing">("care");
  const [channels, setChannels] = useState<("sms" | "email")[]>(["sms"]);
  const [messageLocale, setMessageLocale] = useState<"zh-CN" | "en">(locale === "en" ? "en" : "zh-CN");
  const [sendAt, setSendAt] = useState(initialSend);
  const [subjectAt, setSubjectAt] = useState("");
  const [note, setNote] = useState("");
  const [link, setLink] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string>();
  const needsSubject = kind === "appointment" || kind === "recheck";
  const consentMissing = consent.data && !consent.data.current[purpose]?.granted;

  const create = useMutation(
    trpc.reminder.create.mutationOptions({
      onSuccess: (r) => {
        toast.show({ tone: "success", message: r.consentGranted ? t("created") : t("createdNoConsent") });
        void queryClient.invalidateQueries({ queryKey: trpc.reminder.list.queryKey({ patientId }) });
        onClose();
      },
      onError: (e) => {
        const server = serverFieldErrors(e, ["sendAt", "subjectAt", "note", "link", "channels"]);
        setErrors(server.fields);
        setFormError(server.form);
      },
    }),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    const send = fromLocalInput(sendAt, timeZone);
    const subject = subjectAt ? fromLocalInput(subjectAt, timeZone) : null;
    const local: Record<string, string> = {};
    if (!send) local.sendAt = t("sendAt");
    if (channels.length === 0) local.channels = t("channelsLabel");
    setErrors(local);
    if (!send || channels.length === 0) return;
    create.mutate({ patientId, kind, purpose, channels, locale: messageLocale, sendAt: send, subjectAt: subject, note: note.trim() || null, link: kind === "questionnaire" ? link.trim() || null : null });
  }

  const toggle = (c: "sms" | "email") => setChannels((cs) => (cs.includes(c) ? cs.filter((x) => x !== c) : [...cs, c]));

  return (
    <Dialog open onOpenChange={(o) => !o && onClose()}>
      <DialogContent title={t("new")} closeLabel={tc("close")} className="max-w-lg">
        <form onSubmit={submit} noValidate className="space-y-4">
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id={`${id}-kind`} label={t("kind")} required>
              <Select {...fieldA11y(`${id}-kind`, { required: true })} value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </Select>
            </Field>
            <Field id={`${id}-purpose`} label={t("purpose")} required>
              <Select {...fieldA11y(`${id}-purpose`, { required: true })} value={purpose} onChange={(e) => setPurpose(e.target.value as "care" | "marketing")}>
                <option value="care">{t("purposes.care")}</option>
                <option value="marketing">{t("purposes.marketing")}</option>
              </Select>
            </Field>
          </div>
          {consentMissing ? <Alert tone="info">{t("consentMissing", { purpose: t(`purposes.${purpose}`) })}</Alert> : null}
          <fieldset className="space-y-1.5">
            <legend className="text-sm font-medium text-slate-800">
              {t("channelsLabel")}
              <span aria-hidden className="ml-0.5 text-red-700">
                *
              </span>
            </legend>
            <div className="flex gap-4">
              {(["sms", "email"] as const).map((c) => (
                <label key={c} className="inline-flex items-center gap-2 text-sm text-slate-800">
                  <input type="checkbox" className="size-4 accent-primary-600" checked={channels.includes(c)} onChange={() => toggle(c)} />
                  {t(`channels.${c}`)}
                </label>
              ))}
            </div>
            {errors.channels ? <p className="text-xs font-medium text-red-700">{errors.channels}</p> : null}
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id={`${id}-send`} label={t("sendAt")} hint={t("timeZoneHint", { timeZone })} error={errors.sendAt} required>
              <Input type="datetime-local" {...fieldA11y(`${id}-send`, { hint: true, error: errors.sendAt, required: true })} value={sendAt} onChange={(e) => setSendAt(e.target.value)} />
            </Field>
            {needsSubject ? (
              <Field id={`${id}-subject`} label={t("subjectAt")} error={errors.subjectAt} required>
                <Input type="datetime-local" {...fieldA11y(`${id}-subject`, { error: errors.subjectAt, required: true })} value={subjectAt} onChange={(e) => setSubjectAt(e.target.value)} />
              </Field>
            ) : null}
          </div>
          {kind === "questionnaire" ? (
            <Field id={`${id}-link`} label={t("link")} error={errors.link} required>
              <Input type="url" inputMode="url" {...fieldA11y(`${id}-link`, { error: errors.link, required: true })} value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://" />
            </Field>
          ) : null}
          <Field id={`${id}-note`} label={tc("withOptional", { label: t("note") })} hint={t("noteHint")} error={errors.note}>
            <Input {...fieldA11y(`${id}-note`, { hint: true, error: errors.note })} value={note} maxLength={300} onChange={(e) => setNote(e.target.value)} autoComplete="off" />
          </Field>
          <Field id={`${id}-lang`} label={t("language")}>
            <Select id={`${id}-lang`} value={messageLocale} onChange={(e) => setMessageLocale(e.target.value as "zh-CN" | "en")}>
              <option value="zh-CN">{t("locales.zh-CN")}</option>
              <option value="en">{t("locales.en")}</option>
            </Select>
          </Field>
          <DialogFooter>
            <Button type="button" variant="secondary" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {t("new")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
