import type * as fhir4 from "fhir/r4";
import type { ResultStatus } from "@/db/types/tenant";
import { parseResultDate } from "./dates";
import { ImportFileError, type ParsedObservation, type ParsedRecord, type PatientIdentifiers } from "./types";

/**
 * FHIR R4 Bundle → parsed records, one per Observation entry (row number = entry position, from 1).
 * Accepted entries: Patient, DiagnosticReport, Observation. Any other resource type is refused
 * with a row-level reason (and so the file). Observations are grouped under the DiagnosticReport
 * that lists them in `result`; one without a report is its own report.
 *
 * - Patient: `subject` → a Patient entry in the bundle (identifiers: type MR → MRN, NNCHN/NI or an
 *   18-character resident ID → ID number, MB/MC → card number) or `Patient/<id>` → our patient id.
 * - Observation: code.coding (LOINC), valueQuantity (value + unit/code), valueString,
 *   valueCodeableConcept, referenceRange[0] low/high/text, interpretation (H/L/HH/LL/N/A),
 *   effectiveDateTime / effectivePeriod.start / issued, status, note, component[] (e.g. BP panel).
 * - DiagnosticReport: identifier[0].value (else id) → report id, effective → exam time,
 *   conclusion, performer display → doctor, status.
 */
const ACCEPTED = new Set(["Patient", "DiagnosticReport", "Observation"]);
const STATUS: Record<string, ResultStatus> = { final: "final", amended: "corrected", corrected: "corrected", preliminary: "preliminary", registered: "preliminary", partial: "preliminary", cancelled: "cancelled" };

export function parseFhirBundle(input: Buffer, timeZone: string): ParsedRecord[] {
  let bundle: fhir4.Bundle<fhir4.FhirResource>;
  try {
    bundle = JSON.parse(input.toString("utf8").replace(/^\uFEFF/, "")) as fhir4.Bundle<fhir4.FhirResource>;
  } catch {
    throw new ImportFileError("jsonUnreadable");
  }
  if (!bundle || typeof bundle !== "object" || bundle.resourceType !== "Bundle") throw new ImportFileError("fhirNotBundle");
  if (!Array.isArray(bundle.entry) || bundle.entry.length === 0) throw new ImportFileError("empty");

  const records: ParsedRecord[] = [];
  const byRef = new Map<string, fhir4.FhirResource>();
  bundle.entry.forEach((e, i) => {
    const r = e?.resource;
    if (!r || typeof r !== "object" || typeof r.resourceType !== "string") {
      records.push(rejected(i + 1, "fhirEntryEmpty"));
      return;
    }
    if (!ACCEPTED.has(r.resourceType)) {
      records.push(rejected(i + 1, "fhirUnexpectedResource", { type: String(r.resourceType).slice(0, 40) }));
      return;
    }
    if (e.fullUrl) byRef.set(e.fullUrl, r);
    if (r.id) byRef.set(`${r.resourceType}/${r.id}`, r);
  });

  const reportOf = new Map<fhir4.FhirResource, fhir4.DiagnosticReport>();
  for (const e of bundle.entry) {
    const r = e?.resource;
    if (r?.resourceType !== "DiagnosticReport") continue;
    for (const ref of r.result ?? []) {
      const obs = ref.reference ? byRef.get(ref.reference) : undefined;
      if (obs) reportOf.set(obs, r);
    }
  }

  bundle.entry.forEach((e, i) => {
    const r = e?.resource;
    if (r?.resourceType !== "Observation") return;
    const rowNo = i + 1;
    const status = r.status;
    if (status === "entered-in-error" || status === "cancelled") return;
    const dr = reportOf.get(r);
    const subjectRef = r.subject?.reference ?? dr?.subject?.reference ?? null;
    if (!subjectRef) {
      records.push(rejected(rowNo, "fhirNoSubject"));
      return;
    }
    const patient = patientFor(subjectRef, byRef);
    const examAt = parseResultDate(dr?.effectiveDateTime ?? dr?.effectivePeriod?.start ?? r.effectiveDateTime ?? r.effectivePeriod?.start ?? r.issued ?? null, timeZone);
    const report: ParsedRecord["report"] = dr
      ? {
          externalId: dr.identifier?.[0]?.value ?? dr.id ?? null,
          examAt,
          conclusion: dr.conclusion ?? null,
          doctor: dr.performer?.[0]?.display ?? null,
          department: dr.category?.[0]?.text ?? null,
          status: STATUS[dr.status] ?? "final",
        }
      : { externalId: r.identifier?.[0]?.value ?? r.id ?? null, examAt, status: STATUS[status] ?? "final" };
    const observedAt = parseResultDate(r.effectiveDateTime ?? r.effectivePeriod?.start ?? r.issued ?? null, timeZone);
    const note = (r.note ?? []).map((n) => n.text).filter(Boolean).join("\n") || null;
    const observations: ParsedObservation[] = [];
    const parts: { code?: fhir4.CodeableConcept; src: fhir4.Observation | fhir4.ObservationComponent }[] = r.component?.length ? r.component.map((c) => ({ code: c.code, src: c })) : [{ code: r.code, src: r }];
    for (const p of parts) {
      const value = valueOf(p.src);
      const codings = (p.code?.coding ?? []).map((c) => ({ system: c.system ?? null, code: c.code ?? null, display: c.display ?? null }));
      if (p.code?.text) codings.push({ system: null, code: null, display: p.code.text });
      if (codings.length === 0) {
        records.push(rejected(rowNo, "fhirObservationNoCode"));
        return;
      }
      if (!value) {
        records.push({ rowNo, patient, report, observations: [], error: { reason: "valueMissing", params: { code: codings[0]!.code ?? codings[0]!.display ?? "" } } });
        return;
      }
      const range = p.src.referenceRange?.[0];
      const flag = p.src.interpretation?.[0]?.coding?.[0]?.code ?? null;
      observations.push({
        codings,
        value: value.value,
        unit: value.unit,
        labRange: range ? (range.low?.value !== undefined || range.high?.value !== undefined ? { low: range.low?.value ?? null, high: range.high?.value ?? null } : (range.text ?? null)) : null,
        labFlag: flag,
        status: STATUS[status] ?? "final",
        note,
        observedAt,
      });
    }
    records.push({ rowNo, patient, report, observations, ...(examAt ? {} : { error: { reason: "dateInvalid", params: { value: "" } } }) });
  });
  records.sort((a, b) => a.rowNo - b.rowNo);
  return records;
}

function rejected(rowNo: number, reason: string, params?: Record<string, string>): ParsedRecord {
  return { rowNo, patient: {}, report: { externalId: null, examAt: null }, observations: [], error: { reason, ...(params ? { params } : {}) } };
}

function valueOf(o: fhir4.Observation | fhir4.ObservationComponent): { value: string; unit: string | null } | null {
  if (o.valueQuantity?.value !== undefined) {
    const q = o.valueQuantity;
    const comparator = q.comparator ?? "";
    return { value: `${comparator}${q.value}`, unit: q.unit ?? q.code ?? null };
  }
  if (typeof o.valueString === "string" && o.valueString.trim()) return { value: o.valueString.trim(), unit: null };
  if (typeof o.valueInteger === "number") return { value: String(o.valueInteger), unit: null };
  const cc = o.valueCodeableConcept;
  const text = cc?.text ?? cc?.coding?.[0]?.display ?? cc?.coding?.[0]?.code;
  if (text) return { value: text, unit: null };
  return null;
}

function patientFor(ref: string, byRef: Map<string, fhir4.FhirResource>): PatientIdentifiers {
  const res = byRef.get(ref);
  if (res?.resourceType === "Patient") {
    const ids: PatientIdentifiers = {};
    for (const idf of res.identifier ?? []) {
      const value = idf.value?.trim();
      if (!value) continue;
      const type = (idf.type?.coding?.[0]?.code ?? "").toUpperCase();
      if (type === "NNCHN" || type === "NI" || /^\d{17}[\dXx]$/.test(value)) ids.idNumber ??= value;
      else if (type === "MB" || type === "MC" || /member-?card/i.test(idf.system ?? "")) ids.cardNo ??= value;
      else ids.mrn ??= value;
    }
    const name = res.name?.[0];
    if (name) ids.name = name.text ?? `${name.family ?? ""}${(name.given ?? []).join("")}`;
    return ids;
  }
  const m = /^(?:.*\/)?Patient\/([^/]+)$/.exec(ref);
  return m ? { patientId: m[1]! } : {};
}
