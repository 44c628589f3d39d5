import { randomBytes } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit } from "@/server/audit/record";
import { inPatientTransaction, keyring, loadPatientInScope, OutOfScope, patientKey, type PatientContext } from "@/server/modules/patient/patient-context";
import type { TAnswers } from "@/server/shared/forms/answers";
import type { ComputedScore } from "@/server/shared/forms/scoring";
import { loadResponse, writeAnswers } from "./form-completion";
import { linkKey, signLink } from "./form-link-token";

/** A patient's responses, newest first, with their scores (no answers). */
export async function patientResponses(ctx: PatientContext, patientId: string) {
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, patientId, "form.responses");
    const rows = await trx
      .selectFrom("form_responses as r")
      .innerJoin("form_versions as v", "v.id", "r.form_version_id")
      .innerJoin("form_definitions as d", "d.id", "r.definition_id")
      .select(["r.id", "r.status", "r.channel", "r.scores", "r.created_at", "r.completed_at", "r.link_expires_at", "v.version", "d.id as definition_id", "d.code", "v.document"])
      .where("r.patient_id", "=", patientId)
      .orderBy("r.id", "desc")
      .limit(100)
      .execute();
    await recordAudit(trx, ctx.actor, { action: "form.responses_view", resourceType: "patient", resourceId: patientId, patientId, purpose: "care" });
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      channel: r.channel,
      definitionId: r.definition_id,
      code: r.code,
      version: r.version,
      title: (r.document as { title: { "zh-CN": string; en: string } }).title,
      scores: r.scores as ComputedScore[],
      createdAt: r.created_at,
      completedAt: r.completed_at,
      linkExpiresAt: r.link_expires_at,
    }));
  });
}

async function publishedVersion(trx: TenantDb, definitionId: string) {
  const row = await trx
    .selectFrom("form_definitions as d")
    .innerJoin("form_versions as v", (j) => j.onRef("v.definition_id", "=", "d.id").onRef("v.version", "=", "d.current_version"))
    .select(["d.id", "v.id as version_id", "d.archived"])
    .where("d.id", "=", definitionId)
    .executeTakeFirst();
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  if (row.archived) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.formArchived" });
  return row;
}

async function insertResponse(ctx: PatientContext, trx: TenantDb, input: { patientId: string; definitionId: string; channel: "staff" | "link"; nonce?: string; expiresAt?: Date }) {
  const version = await publishedVersion(trx, input.definitionId);
  const id = uuidv7();
  await trx
    .insertInto("form_responses")
    .values({
      id,
      patient_id: input.patientId,
      definition_id: input.definitionId,
      form_version_id: version.version_id,
      channel: input.channel,
      link_nonce: input.nonce ?? null,
      link_expires_at: input.expiresAt ?? null,
      created_by: ctx.actor.userId,
    })
    .execute();
  return id;
}

/** Staff start filling the current version of a form for a patient (e.g. on the phone). */
export async function startResponse(ctx: PatientContext, input: { patientId: string; definitionId: string }) {
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, input.patientId, "form.start");
    const id = await insertResponse(ctx, trx, { ...input, channel: "staff" });
    await recordAudit(trx, ctx.actor, { action: "form.start", resourceType: "form_response", resourceId: id, patientId: input.patientId, purpose: "care", details: { definitionId: input.definitionId } });
    return { responseId: id };
  });
}

async function responseInScope(ctx: PatientContext, trx: TenantDb, responseId: string, action: string, lock = false) {
  const ring = await keyring(ctx);
  const found = await loadResponse(trx, ctx, responseId, (id, sealed) => patientKey(ring, id, sealed), lock);
  if (!found) throw new OutOfScope(responseId, action);
  await loadPatientInScope(ctx, trx, found.response.patientId, action);
  return found;
}

export async function getResponse(ctx: PatientContext, responseId: string) {
  return inPatientTransaction(ctx, async (trx) => {
    const { response } = await responseInScope(ctx, trx, responseId, "form.response_view");
    await recordAudit(trx, ctx.actor, { action: "form.response_view", resourceType: "form_response", resourceId: responseId, patientId: response.patientId, purpose: "care" });
    return {
      id: response.id,
      patientId: response.patientId,
      definitionId: response.definitionId,
      code: response.code,
      version: response.version,
      status: response.status,
      channel: response.channel,
      document: response.document,
      answers: response.answers,
      scores: response.scores,
      createdAt: response.createdAt,
      completedAt: response.completedAt,
      linkExpiresAt: response.linkExpiresAt,
    };
  });
}

export async function saveResponse(ctx: PatientContext, input: { responseId: string; answers: TAnswers; complete: boolean }) {
  return inPatientTransaction(ctx, async (trx) => {
    const { response, patientKey: key } = await responseInScope(ctx, trx, input.responseId, "form.answer", true);
    if (!key) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    const result = await writeAnswers(trx, ctx, response, key, input.answers, input.complete);
    await recordAudit(trx, ctx.actor, {
      action: input.complete ? "form.complete" : "form.save",
      resourceType: "form_response",
      resourceId: response.id,
      patientId: response.patientId,
      purpose: "care",
      details: { channel: "staff", version: response.version },
    });
    return result;
  });
}

export const LINK_HOURS_DEFAULT = 72;

/**
 * A signed, expiring link for the patient to fill the form on their phone. Creates the response
 * (channel "link"); asking again for the same open response issues a new nonce, which revokes the old link.
 */
export async function createLink(ctx: PatientContext, input: { patientId: string; definitionId: string; validHours: number; responseId?: string | undefined }) {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, input.patientId, "form.link");
    const nonce = randomBytes(18).toString("base64url");
    const expiresAt = new Date(Date.now() + input.validHours * 3_600_000);
    let responseId = input.responseId;
    if (responseId) {
      const updated = await trx
        .updateTable("form_responses")
        .set({ link_nonce: nonce, link_expires_at: expiresAt, channel: "link", updated_at: new Date() })
        .where("id", "=", responseId)
        .where("patient_id", "=", input.patientId)
        .where("status", "=", "in_progress")
        .returning("id")
        .executeTakeFirst();
      if (!updated) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    } else {
      responseId = await insertResponse(ctx, trx, { patientId: input.patientId, definitionId: input.definitionId, channel: "link", nonce, expiresAt });
    }
    const token = signLink(linkKey(ring.indexKey), { t: ctx.tenant.id, r: responseId, n: nonce, e: Math.floor(expiresAt.getTime() / 1000) });
    await recordAudit(trx, ctx.actor, { action: "form.link_issue", resourceType: "form_response", resourceId: responseId, patientId: input.patientId, purpose: "care", details: { expiresAt: expiresAt.toISOString() } });
    return { responseId, token, path: `/f/${token}`, expiresAt };
  });
}
