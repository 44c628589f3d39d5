import { TRPCError } from "@trpc/server";
import type { DatabaseHandle } from "@/db/client";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { getTenantKeyring } from "@/server/crypto/tenant-keys";
import { systemTenantById } from "@/server/jobs/system-tenant";
import { patientKey } from "@/server/modules/patient/patient-context";
import type { TAnswers } from "@/server/shared/forms/answers";
import { loadResponse, writeAnswers, type LoadedResponse } from "./form-completion";
import { linkKey, unverifiedTenant, verifyLink } from "./form-link-token";

/** Why a link cannot be used. Deliberately coarse: a forged link learns nothing about real ones. */
export type LinkRefusal = "invalid" | "expired";

export class LinkRefused extends Error {
  constructor(readonly reason: LinkRefusal) {
    super(`form link ${reason}`);
  }
}

export interface LinkMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

/** What the public page may show: the form of the response's own version, answers so far, and (after submission) the scores. */
export interface LinkView {
  tenantName: string;
  status: LoadedResponse["status"];
  document: LoadedResponse["document"];
  answers: TAnswers;
  scores: LoadedResponse["scores"];
  expiresAt: Date | null;
}

async function resolve(database: DatabaseHandle, token: string, now: Date) {
  const tenantId = unverifiedTenant(token);
  if (!tenantId) throw new LinkRefused("invalid");
  const tenant = await systemTenantById(database, tenantId);
  if (!tenant || tenant.status !== "active") throw new LinkRefused("invalid");
  const ring = await getTenantKeyring(database.control, tenant.id);
  const check = verifyLink(linkKey(ring.indexKey), token, now);
  if (!check.ok) throw new LinkRefused(check.reason === "expired" ? "expired" : "invalid");
  const name = await database.control.selectFrom("tenants").select("name").where("id", "=", tenant.id).executeTakeFirstOrThrow();
  return { tenant, ring, payload: check.payload, tenantName: name.name };
}

function linkActor(tenantId: string, meta: LinkMeta): AuditActor {
  return { userId: null, role: "patient_link", tenantId, requestId: meta.requestId, ip: meta.ip, userAgent: meta.userAgent };
}

export async function openLink(database: DatabaseHandle, token: string, meta: LinkMeta, now = new Date()): Promise<LinkView> {
  const { tenant, ring, payload, tenantName } = await resolve(database, token, now);
  const env = { tenant: { id: tenant.id }, actor: linkActor(tenant.id, meta) };
  return tenant.db.transaction().execute(async (trx) => {
    const found = await loadResponse(trx, env, payload.r, (id, sealed) => patientKey(ring, id, sealed));
    if (!found || found.response.linkNonce !== payload.n || !found.patientKey) throw new LinkRefused("invalid");
    const r = found.response;
    if (r.status === "cancelled") throw new LinkRefused("invalid");
    if (r.status === "in_progress" && r.linkExpiresAt && r.linkExpiresAt.getTime() <= now.getTime()) throw new LinkRefused("expired");
    await recordAudit(trx, env.actor, { action: "form.link_open", resourceType: "form_response", resourceId: r.id, patientId: r.patientId, purpose: "care" });
    return { tenantName, status: r.status, document: r.document, answers: r.answers, scores: r.status === "completed" ? r.scores : [], expiresAt: r.linkExpiresAt };
  });
}

/** The patient saves progress or submits. Bad answers are refused by item (TRPCError with named issues), nothing saved. */
export async function saveLink(database: DatabaseHandle, token: string, input: { answers: TAnswers; complete: boolean }, meta: LinkMeta, now = new Date()) {
  const { tenant, ring, payload } = await resolve(database, token, now);
  const env = { tenant: { id: tenant.id }, actor: linkActor(tenant.id, meta) };
  return tenant.db.transaction().execute(async (trx) => {
    const found = await loadResponse(trx, env, payload.r, (id, sealed) => patientKey(ring, id, sealed), true);
    if (!found || found.response.linkNonce !== payload.n || !found.patientKey) throw new LinkRefused("invalid");
    const r = found.response;
    if (r.linkExpiresAt && r.linkExpiresAt.getTime() <= now.getTime()) throw new LinkRefused("expired");
    if (r.status !== "in_progress") throw new TRPCError({ code: "CONFLICT", message: "errors.formResponseClosed" });
    const result = await writeAnswers(trx, env, r, found.patientKey, input.answers, input.complete);
    await recordAudit(trx, env.actor, {
      action: input.complete ? "form.complete" : "form.save",
      resourceType: "form_response",
      resourceId: r.id,
      patientId: r.patientId,
      purpose: "care",
      details: { channel: "link", version: r.version },
    });
    return result;
  });
}
