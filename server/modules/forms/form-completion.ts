import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import type { AuditActor } from "@/server/audit/record";
import { openFieldOrNull, sealField } from "@/server/crypto/field-crypto";
import type { SealingKey } from "@/server/crypto/secret-box";
import { applyLifestyleFromSource } from "@/server/modules/record/record.service";
import { loadCatalogue } from "@/server/modules/results/catalogue.repository";
import { ObservationsRejected, writeObservations } from "@/server/modules/results/observation-writer";
import type { ObservationDraft } from "@/server/modules/results/rules/prepare-observation";
import { evaluateAfterChange } from "@/server/modules/rules/evaluate-after-change";
import { namedProblems } from "@/server/modules/rules/rule-errors";
import { checkAnswers, splitFreeText, type TAnswers } from "@/server/shared/forms/answers";
import { ZFormDocument, type TFormDocument } from "@/server/shared/forms/document";
import { computeScores, type ComputedScore } from "@/server/shared/forms/scoring";
import type { THealthRecordData } from "@/server/shared/dto/patient-record";

/** Who writes a response: a staff member, or the patient through a signed link (userId null). */
export interface ResponseEnv {
  tenant: { id: string };
  actor: AuditActor;
}

export interface LoadedResponse {
  id: string;
  patientId: string;
  definitionId: string;
  code: string;
  version: number;
  status: "in_progress" | "completed" | "cancelled";
  channel: "staff" | "link";
  document: TFormDocument;
  answers: TAnswers;
  scores: ComputedScore[];
  linkExpiresAt: Date | null;
  linkNonce: string | null;
  createdAt: Date;
  completedAt: Date | null;
  patient: { id: string; sex: "male" | "female" | "unknown"; birthDate: string | null; managerUserId: string | null };
}

const freeTextBinding = (env: ResponseEnv, responseId: string) => ({ tenantId: env.tenant.id, table: "form_responses", column: "free_text", rowId: responseId });

/** A response with its own version's document and its answers (free text opened with the patient's key). */
export async function loadResponse(trx: TenantDb, env: ResponseEnv, responseId: string, key: (patientId: string, keySealed: string | null) => SealingKey | null, lock = false) {
  let q = trx
    .selectFrom("form_responses as r")
    .innerJoin("form_versions as v", "v.id", "r.form_version_id")
    .innerJoin("form_definitions as d", "d.id", "r.definition_id")
    .innerJoin("patients as p", "p.id", "r.patient_id")
    .select([
      "r.id", "r.patient_id", "r.definition_id", "r.status", "r.channel", "r.answers", "r.free_text_sealed", "r.scores", "r.link_expires_at", "r.link_nonce", "r.created_at", "r.completed_at",
      "v.version", "v.document", "d.code", "p.key_sealed", "p.sex", "p.birth_date", "p.manager_user_id",
    ])
    .where("r.id", "=", responseId);
  if (lock) q = q.forUpdate("r");
  const row = await q.executeTakeFirst();
  if (!row) return null;
  const patientKey = key(row.patient_id, row.key_sealed);
  const freeText = patientKey ? openFieldOrNull(patientKey, row.free_text_sealed, freeTextBinding(env, row.id)) : null;
  const birth = row.birth_date ? (typeof row.birth_date === "string" ? row.birth_date : isoLocal(row.birth_date)) : null;
  const loaded: LoadedResponse = {
    id: row.id,
    patientId: row.patient_id,
    definitionId: row.definition_id,
    code: row.code,
    version: row.version,
    status: row.status,
    channel: row.channel,
    document: ZFormDocument.parse(row.document),
    answers: { ...(row.answers as TAnswers), ...(freeText ? (JSON.parse(freeText) as TAnswers) : {}) },
    scores: row.scores as ComputedScore[],
    linkExpiresAt: row.link_expires_at,
    linkNonce: row.link_nonce,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    patient: { id: row.patient_id, sex: row.sex, birthDate: birth, managerUserId: row.manager_user_id },
  };
  return { response: loaded, patientKey };
}

function isoLocal(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * Saves answers (progress, or the final submission with `complete`). Every answer is checked against
 * the response's OWN version; problems are refused by item name and nothing is saved. Completing
 * stores the scores, writes mapped observations and record fields with the response as their source,
 * and evaluates the rules — all in this transaction.
 */
export async function writeAnswers(trx: TenantDb, env: ResponseEnv, response: LoadedResponse, patientKey: SealingKey, input: TAnswers, complete: boolean) {
  if (response.status !== "in_progress") throw new TRPCError({ code: "CONFLICT", message: "errors.formResponseClosed" });
  const { answers, problems } = checkAnswers(response.document, input, { complete });
  if (problems.length) throw namedProblems(problems.map((p) => ({ path: ["answers", p.linkId], message: p.message })));
  const scores = computeScores(response.document, answers);
  const { clear, freeText } = splitFreeText(response.document, answers);
  const now = new Date();
  await trx
    .updateTable("form_responses")
    .set({
      answers: JSON.stringify(clear),
      free_text_sealed: Object.keys(freeText).length ? sealField(patientKey, JSON.stringify(freeText), freeTextBinding(env, response.id)) : null,
      scores: JSON.stringify(scores),
      updated_at: now,
      ...(complete ? { status: "completed" as const, completed_at: now } : {}),
    })
    .where("id", "=", response.id)
    .execute();
  if (!complete) return { status: "in_progress" as const, scores };
  await applyMappings(trx, env, response, patientKey, answers, now);
  await trx
    .insertInto("patient_events")
    .values({ id: uuidv7(), patient_id: response.patientId, kind: "form.completed", actor_user_id: env.actor.userId, details: JSON.stringify({ responseId: response.id, formCode: response.code, version: response.version, channel: response.channel }) })
    .execute();
  await evaluateAfterChange(trx, env, [response.patientId]);
  return { status: "completed" as const, scores };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

async function applyMappings(trx: TenantDb, env: ResponseEnv, response: LoadedResponse, patientKey: SealingKey, answers: TAnswers, now: Date) {
  const mappings = response.document.mappings;
  const numeric = mappings.flatMap((m) => (m.kind === "indicator" && typeof answers[m.linkId] === "number" ? [{ code: m.indicator, value: answers[m.linkId] as number, linkId: m.linkId }] : []));
  if (numeric.length) {
    const catalogue = await loadCatalogue(trx);
    const weight = numeric.find((n) => n.code === "WEIGHT")?.value;
    const height = numeric.find((n) => n.code === "HEIGHT")?.value;
    // BMI follows from self-reported height and weight when the form gave both and no BMI of its own.
    if (weight !== undefined && height !== undefined && !numeric.some((n) => n.code === "BMI")) numeric.push({ code: "BMI", value: round1(weight / (height / 100) ** 2), linkId: "" });
    const drafts: ObservationDraft[] = [];
    for (const n of numeric) {
      const indicator = catalogue.find(n.code);
      if (!indicator) throw namedProblems([{ path: ["mappings", n.linkId || n.code], message: "errors.formMappingIndicatorUnknown" }]);
      drafts.push({ indicator, observedAt: now, value: n.value, unit: indicator.unit });
    }
    try {
      await writeObservations(trx, { tenantId: env.tenant.id, actor: env.actor }, {
        patient: { id: response.patientId, sex: response.patient.sex, birthDate: response.patient.birthDate, key: patientKey },
        reportId: null,
        sourceKind: "form",
        sourceId: response.id,
        drafts,
      });
    } catch (error) {
      if (error instanceof ObservationsRejected) throw namedProblems(error.rejections.map((r) => ({ path: ["answers", numeric[r.index]?.linkId || "BMI"], message: "errors.formAnswerOutOfRange" })));
      throw error;
    }
  }
  const patch: Partial<THealthRecordData["lifestyle"]> = {};
  for (const m of mappings) {
    if (m.kind !== "record" || answers[m.linkId] === undefined) continue;
    const raw = answers[m.linkId];
    const value = typeof raw === "string" && m.values ? (m.values[raw] ?? raw) : raw;
    const field = m.field.split(".")[1] as keyof THealthRecordData["lifestyle"];
    (patch as Record<string, unknown>)[field] = value;
  }
  if (Object.keys(patch).length) await applyLifestyleFromSource(trx, env, { id: response.patientId, key: patientKey }, patch, { kind: "form", id: response.id });
}
