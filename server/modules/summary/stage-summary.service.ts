import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { openFieldOrNull, sealField } from "@/server/crypto/field-crypto";
import type { TenantKeyring } from "@/server/crypto/tenant-keys";
import { addTimelineEvent, badInput, binding, inPatientTransaction, isoDate, keyring, loadPatientInScope, patientKey, staffNames, type PatientContext } from "@/server/modules/patient/patient-context";
import { plansWithProgress } from "@/server/modules/plan/plan.service";
import { loadRiskMeasurements } from "@/server/modules/risk/measurement-source";
import { indicatorChanges, riskChanges, type SummaryContent } from "./summary-content";

export interface StageSummaryDraftArgs {
  tenantId: string;
  patientId: string;
  /** Calendar dates (YYYY-MM-DD) in the tenant's time zone, inclusive. */
  periodStart: string;
  periodEnd: string;
  source: "manual" | "scheduled";
  actor: AuditActor;
}

export type StageSummaryDraftOutcome = { id: string; outcome: "created" | "refreshed" | "already_published" };

/** Computes the facts of a period for one patient (no audit: callers audit). */
export async function computeSummaryContent(trx: TenantDb, patientId: string, periodStart: string, periodEnd: string): Promise<SummaryContent> {
  const [measurements, assessments, plans, advice] = await Promise.all([
    loadRiskMeasurements(trx, [patientId]).then((m) => m.get(patientId) ?? []),
    trx.selectFrom("risk_assessments").select(["model_id", "level", "score", "assessed_at", "status"]).where("patient_id", "=", patientId).execute(),
    plansWithProgress(trx, patientId, periodEnd),
    trx.selectFrom("advice_sets").select(["published_at", "item_count"]).where("patient_id", "=", patientId).where("published_at", "is not", null).where("published_at", ">=", new Date(`${periodStart}T00:00:00Z`)).where("published_at", "<=", new Date(`${periodEnd}T23:59:59.999Z`)).orderBy("published_at").execute(),
  ]);
  const goals = plans.filter((p) => p.status !== "cancelled").flatMap((p) => p.goals.map((g) => ({ planTitle: p.title, metric: g.metric, comparator: g.comparator, target: g.target, unit: g.unit, status: g.status })));
  return {
    periodStart,
    periodEnd,
    indicators: indicatorChanges(measurements, periodStart, periodEnd),
    goals,
    goalsMet: goals.filter((g) => g.status === "met").length,
    goalsTotal: goals.length,
    followups: null,
    risks: riskChanges(assessments, periodStart, periodEnd),
    advice: advice.map((a) => ({ publishedAt: a.published_at!.toISOString(), items: a.item_count })),
  };
}

/**
 * Creates (or refreshes) the draft stage summary of one patient for one period. Idempotent per
 * (patient, period): a second call refreshes the computed facts of a draft and keeps the manager's
 * text; a published summary is left untouched. Runs inside `db` if it is a transaction, otherwise in
 * its own. This is the entry point of the periodic-summary job (source "scheduled").
 */
export async function generateStageSummaryDraft(db: TenantDb, args: StageSummaryDraftArgs): Promise<StageSummaryDraftOutcome> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(args.periodStart) || !/^\d{4}-\d{2}-\d{2}$/.test(args.periodEnd) || args.periodEnd < args.periodStart) throw badInput("summaryPeriodInvalid");
  const work = async (trx: TenantDb): Promise<StageSummaryDraftOutcome> => {
    const existing = await trx.selectFrom("stage_summaries").select(["id", "status"]).where("patient_id", "=", args.patientId).where("period_start", "=", args.periodStart).where("period_end", "=", args.periodEnd).forUpdate().executeTakeFirst();
    if (existing?.status === "published") return { id: existing.id, outcome: "already_published" };
    const content = JSON.stringify(await computeSummaryContent(trx, args.patientId, args.periodStart, args.periodEnd));
    let id = existing?.id;
    if (id) {
      await trx.updateTable("stage_summaries").set({ content, updated_at: new Date() }).where("id", "=", id).execute();
    } else {
      id = uuidv7();
      await trx.insertInto("stage_summaries").values({ id, patient_id: args.patientId, period_start: args.periodStart, period_end: args.periodEnd, status: "draft", content, source: args.source, created_by: args.actor.userId }).execute();
    }
    await recordAudit(trx, args.actor, { action: existing ? "summary.refresh" : "summary.draft", resourceType: "stage_summary", resourceId: id, patientId: args.patientId, purpose: "care", details: { source: args.source, periodStart: args.periodStart, periodEnd: args.periodEnd } });
    return { id, outcome: existing ? "refreshed" : "created" };
  };
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

function narrativeOf(ctx: { tenant: { id: string } }, ring: TenantKeyring, p: { id: string; key_sealed: string | null }, id: string, sealed: string | null): string | null {
  const key = patientKey(ring, p.id, p.key_sealed);
  return key ? openFieldOrNull(key, sealed, { tenantId: ctx.tenant.id, table: "stage_summaries", column: "narrative", rowId: id }) : null;
}

export async function generateSummaryForPatient(ctx: PatientContext, input: { patientId: string; periodStart: string; periodEnd: string }) {
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, input.patientId, "summary.generate");
    return generateStageSummaryDraft(trx, { tenantId: ctx.tenant.id, patientId: p.id, periodStart: input.periodStart, periodEnd: input.periodEnd, source: "manual", actor: ctx.actor });
  });
}

export async function listSummaries(ctx: PatientContext, patientId: string) {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, patientId, "summary.list");
    const rows = await trx.selectFrom("stage_summaries").selectAll().where("patient_id", "=", p.id).orderBy("period_end", "desc").limit(50).execute();
    const names = await staffNames(ctx, trx, rows.map((r) => r.published_by));
    await recordAudit(trx, ctx.actor, { action: "summary.view", resourceType: "stage_summary", resourceId: p.id, patientId: p.id, purpose: "care" });
    return rows.map((r) => ({
      id: r.id,
      periodStart: isoDate(r.period_start)!,
      periodEnd: isoDate(r.period_end)!,
      status: r.status,
      source: r.source,
      content: r.content as unknown as SummaryContent,
      narrative: narrativeOf(ctx, ring, p, r.id, r.narrative_sealed) ?? "",
      publishedAt: r.published_at,
      publishedBy: r.published_by ? { id: r.published_by, name: names.get(r.published_by) ?? "—" } : null,
      updatedAt: r.updated_at,
    }));
  });
}

async function loadSummary(ctx: PatientContext, summaryId: string) {
  const row = await ctx.db.selectFrom("stage_summaries").select(["id", "patient_id"]).where("id", "=", summaryId).executeTakeFirst();
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  return row;
}

export async function updateSummaryNarrative(ctx: PatientContext, input: { summaryId: string; narrative: string }) {
  const ring = await keyring(ctx);
  const s = await loadSummary(ctx, input.summaryId);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, s.patient_id, "summary.update");
    const row = await trx.selectFrom("stage_summaries").select(["status"]).where("id", "=", s.id).forUpdate().executeTakeFirstOrThrow();
    if (row.status === "published") throw badInput("summaryAlreadyPublished");
    const key = patientKey(ring, p.id, p.key_sealed);
    if (!key) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    await trx.updateTable("stage_summaries").set({ narrative_sealed: sealField(key, input.narrative, binding(ctx, "stage_summaries", "narrative", s.id)), updated_by: ctx.actor.userId, updated_at: new Date() }).where("id", "=", s.id).execute();
    await recordAudit(trx, ctx.actor, { action: "summary.update", resourceType: "stage_summary", resourceId: s.id, patientId: p.id, purpose: "care" });
    return { ok: true as const };
  });
}

export async function publishSummary(ctx: PatientContext, input: { summaryId: string }) {
  const ring = await keyring(ctx);
  const s = await loadSummary(ctx, input.summaryId);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, s.patient_id, "summary.publish");
    const row = await trx.selectFrom("stage_summaries").select(["status", "narrative_sealed"]).where("id", "=", s.id).forUpdate().executeTakeFirstOrThrow();
    if (row.status === "published") throw badInput("summaryAlreadyPublished");
    if (!narrativeOf(ctx, ring, p, s.id, row.narrative_sealed)?.trim()) throw badInput("summaryEmpty");
    await trx.updateTable("stage_summaries").set({ status: "published", published_by: ctx.actor.userId, published_at: new Date(), updated_at: new Date() }).where("id", "=", s.id).execute();
    await addTimelineEvent(trx, ctx, p.id, "summary.published", { summaryId: s.id });
    await recordAudit(trx, ctx.actor, { action: "summary.publish", resourceType: "stage_summary", resourceId: s.id, patientId: p.id, purpose: "care" });
    return { ok: true as const };
  });
}
