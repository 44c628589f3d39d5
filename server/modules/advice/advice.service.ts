import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import { recordAudit } from "@/server/audit/record";
import { openField, sealField } from "@/server/crypto/field-crypto";
import { addTimelineEvent, binding, inPatientTransaction, keyring, loadPatientInScope, patientKey, staffNames, type PatientContext } from "@/server/modules/patient/patient-context";
import { evaluatePatients } from "@/server/modules/risk/risk-evaluation";
import type { RiskModelId } from "@/server/modules/risk/models/types";
import type { TAdviceCurrent, TAdviceItem, TAdviceTemplate } from "@/server/shared/dto/advice";
import { ZAdviceItem } from "@/server/shared/dto/advice";
import { matchReasons, ZAdviceCriteria } from "./advice-criteria";
import { loadQuestionnaireScores } from "./questionnaire-scores";

const ZItems = ZAdviceItem.array();

/** Proposes advice for a patient from the tenant's active templates (nothing is stored). */
export async function proposeAdvice(ctx: PatientContext, patientId: string, locale: "zh-CN" | "en") {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, patientId, "advice.propose");
    const { collected } = await evaluatePatients(trx, ring, ctx.tenant.id, [p], { trigger: "view", actor: ctx.actor, asOf: new Date() });
    const [current, tags, templates, questionnaires] = await Promise.all([
      trx.selectFrom("risk_assessments").select(["model_id", "level"]).where("patient_id", "=", p.id).where("is_current", "=", true).where("status", "=", "assessed").execute(),
      trx.selectFrom("patient_tags").select("tag_id").where("patient_id", "=", p.id).execute(),
      trx.selectFrom("advice_templates").selectAll().where("active", "=", true).orderBy("priority").orderBy("id").execute(),
      loadQuestionnaireScores(trx, p.id),
    ]);
    const facts = {
      riskLevels: new Map(current.map((r) => [r.model_id as RiskModelId, r.level ?? ""])),
      tagIds: new Set(tags.map((t) => t.tag_id)),
      inputs: collected.get(p.id)!.inputs,
      questionnaireScores: questionnaires,
    };
    await recordAudit(trx, ctx.actor, { action: "advice.propose", resourceType: "advice", resourceId: p.id, patientId: p.id, purpose: "care" });
    return templates
      .map((t) => ({ t, reasons: matchReasons(ZAdviceCriteria.parse(t.criteria), facts) }))
      .filter((x) => x.reasons.length > 0)
      .map(({ t, reasons }) => ({ templateId: t.id, category: t.category, title: locale === "en" ? t.title_en : t.title_zh, body: locale === "en" ? t.body_en : t.body_zh, reasons }));
  });
}

type SetRow = { id: string; status: "draft" | "published" | "superseded"; items_sealed: string; item_count: number; published_at: Date | null; published_by: string | null; created_at: Date };

export async function currentAdvice(ctx: PatientContext, patientId: string): Promise<TAdviceCurrent> {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, patientId, "advice.view");
    const rows = (await trx.selectFrom("advice_sets").selectAll().where("patient_id", "=", p.id).orderBy("created_at", "desc").limit(50).execute()) as SetRow[];
    const key = patientKey(ring, p.id, p.key_sealed);
    const names = await staffNames(ctx, trx, rows.map((r) => r.published_by));
    await recordAudit(trx, ctx.actor, { action: "advice.view", resourceType: "advice", resourceId: p.id, patientId: p.id, purpose: "care" });
    const open = (r: SetRow) => ({
      id: r.id,
      status: r.status,
      items: key ? ZItems.parse(JSON.parse(openField(key, r.items_sealed, binding(ctx, "advice_sets", "items", r.id)))) : [],
      publishedAt: r.published_at,
      publishedBy: r.published_by ? { id: r.published_by, name: names.get(r.published_by) ?? "—" } : null,
      createdAt: r.created_at,
    });
    const published = rows.find((r) => r.status === "published");
    const draft = rows.find((r) => r.status === "draft");
    return {
      published: published ? open(published) : null,
      draft: draft ? open(draft) : null,
      history: rows.filter((r) => r.status !== "draft").map((r) => ({ id: r.id, status: r.status, publishedAt: r.published_at, createdAt: r.created_at, itemCount: r.item_count })),
    };
  });
}

/** Saves (replaces) the patient's draft advice set. */
export async function saveAdviceDraft(ctx: PatientContext, input: { patientId: string; items: TAdviceItem[] }) {
  return writeAdviceSet(ctx, input, "draft");
}

/** Publishes a set: the previous published one becomes history, the draft is consumed. */
export async function publishAdvice(ctx: PatientContext, input: { patientId: string; items: TAdviceItem[] }) {
  return writeAdviceSet(ctx, input, "published");
}

async function writeAdviceSet(ctx: PatientContext, input: { patientId: string; items: TAdviceItem[] }, status: "draft" | "published") {
  if (input.items.length === 0 || input.items.some((i) => !i.title.trim() || !i.body.trim())) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.adviceEmpty" });
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, input.patientId, `advice.${status === "draft" ? "saveDraft" : "publish"}`);
    const key = patientKey(ring, p.id, p.key_sealed);
    if (!key) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    await trx.deleteFrom("advice_sets").where("patient_id", "=", p.id).where("status", "=", "draft").execute();
    if (status === "published") await trx.updateTable("advice_sets").set({ status: "superseded", updated_at: new Date() }).where("patient_id", "=", p.id).where("status", "=", "published").execute();
    const id = uuidv7();
    const now = new Date();
    await trx
      .insertInto("advice_sets")
      .values({
        id,
        patient_id: p.id,
        status,
        items_sealed: sealField(key, JSON.stringify(input.items), binding(ctx, "advice_sets", "items", id)),
        item_count: input.items.length,
        created_by: ctx.actor.userId,
        published_by: status === "published" ? ctx.actor.userId : null,
        published_at: status === "published" ? now : null,
      })
      .execute();
    if (status === "published") await addTimelineEvent(trx, ctx, p.id, "advice.published", { adviceSetId: id, items: input.items.length });
    await recordAudit(trx, ctx.actor, { action: status === "published" ? "advice.publish" : "advice.save_draft", resourceType: "advice_set", resourceId: id, patientId: p.id, purpose: "care", details: { items: input.items.length } });
    return { id };
  });
}

// ── Template library (tenant settings) ──────────────────────────────────────

function templateDto(t: { id: string; category: TAdviceTemplate["category"]; title_zh: string; title_en: string; body_zh: string; body_en: string; criteria: unknown; priority: number; active: boolean }): TAdviceTemplate {
  return { id: t.id, category: t.category, titleZh: t.title_zh, titleEn: t.title_en, bodyZh: t.body_zh, bodyEn: t.body_en, criteria: ZAdviceCriteria.parse(t.criteria), priority: t.priority, active: t.active };
}

export async function listAdviceTemplates(ctx: PatientContext): Promise<TAdviceTemplate[]> {
  const rows = await ctx.db.selectFrom("advice_templates").selectAll().orderBy("category").orderBy("priority").orderBy("id").execute();
  return rows.map(templateDto);
}

export async function saveAdviceTemplate(ctx: PatientContext, input: Omit<TAdviceTemplate, "id"> & { id: string | null }): Promise<TAdviceTemplate> {
  return ctx.db.transaction().execute(async (trx) => {
    const values = {
      category: input.category,
      title_zh: input.titleZh,
      title_en: input.titleEn,
      body_zh: input.bodyZh,
      body_en: input.bodyEn,
      criteria: JSON.stringify(input.criteria),
      priority: input.priority,
      active: input.active,
      updated_by: ctx.actor.userId,
      updated_at: new Date(),
    };
    let id = input.id;
    if (id) {
      const updated = await trx.updateTable("advice_templates").set(values).where("id", "=", id).executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    } else {
      id = uuidv7();
      await trx.insertInto("advice_templates").values({ id, ...values }).execute();
    }
    await recordAudit(trx, ctx.actor, { action: input.id ? "advice.template_update" : "advice.template_create", resourceType: "advice_template", resourceId: id });
    return templateDto(await trx.selectFrom("advice_templates").selectAll().where("id", "=", id).executeTakeFirstOrThrow());
  });
}
