import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit } from "@/server/audit/record";
import {
  addTimelineEvent,
  can,
  inPatientTransaction,
  loadPatientInScope,
  staffNames,
  type PatientContext,
} from "@/server/modules/patient/patient-context";

export interface TagInput {
  name: string;
  colour: string;
  category?: string | null;
  sensitive?: boolean;
}

/** The tag catalogue; sensitive tags only for roles with tag.read_sensitive. */
export async function listTags(ctx: PatientContext) {
  let q = ctx.db.selectFrom("tags").select(["id", "name", "colour", "category", "sensitive"]);
  if (!can(ctx, "tag.read_sensitive")) q = q.where("sensitive", "=", false);
  return q.orderBy("category").orderBy("name").execute();
}

/**
 * The whole catalogue, sensitive tags included, for the people who maintain it (tag.manage). It holds
 * names and colours only: who carries a sensitive tag is still hidden from roles without tag.read_sensitive.
 */
export async function tagCatalogue(ctx: PatientContext) {
  return ctx.db.selectFrom("tags").select(["id", "name", "colour", "category", "sensitive"]).orderBy("category").orderBy("name").execute();
}

function uniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "23505";
}

export async function createTag(ctx: PatientContext, input: TagInput) {
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto("tags")
        .values({ id: uuidv7(), name: input.name, colour: input.colour, category: input.category ?? null, sensitive: input.sensitive ?? false })
        .returning(["id", "name", "colour", "category", "sensitive"])
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx.actor, { action: "tag.create", resourceType: "tag", resourceId: row.id, details: { sensitive: row.sensitive } });
      return row;
    });
  } catch (error) {
    if (uniqueViolation(error)) throw new TRPCError({ code: "CONFLICT", message: "errors.tagNameTaken" });
    throw error;
  }
}

export async function updateTag(ctx: PatientContext, input: TagInput & { id: string }) {
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable("tags")
        .set({ name: input.name, colour: input.colour, category: input.category ?? null, sensitive: input.sensitive ?? false, updated_at: new Date() })
        .where("id", "=", input.id)
        .returning(["id", "name", "colour", "category", "sensitive"])
        .executeTakeFirst();
      if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
      await recordAudit(trx, ctx.actor, { action: "tag.update", resourceType: "tag", resourceId: row.id, details: { sensitive: row.sensitive } });
      return row;
    });
  } catch (error) {
    if (uniqueViolation(error)) throw new TRPCError({ code: "CONFLICT", message: "errors.tagNameTaken" });
    throw error;
  }
}

async function visibleTag(ctx: PatientContext, trx: TenantDb, tagId: string) {
  let q = trx.selectFrom("tags").select(["id", "sensitive"]).where("id", "=", tagId);
  if (!can(ctx, "tag.read_sensitive")) q = q.where("sensitive", "=", false);
  const tag = await q.executeTakeFirst();
  if (!tag) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  return tag;
}

export interface TagSource {
  source: "manual" | "rule";
  ruleId?: string | null;
  reason?: string | null;
}

/**
 * Adds a tag to a patient (idempotent). Manual additions come from `tag.assign`; a tagging rule calls
 * `applyTag` with source "rule", its rule id and the reason it fired (stored with the assignment and
 * in the tag history).
 */
export async function applyTag(ctx: PatientContext, trx: TenantDb, patientId: string, tagId: string, src: TagSource): Promise<boolean> {
  const inserted = await trx
    .insertInto("patient_tags")
    .values({ patient_id: patientId, tag_id: tagId, source: src.source, rule_id: src.ruleId ?? null, reason: src.reason ?? null, added_by: ctx.actor.userId })
    .onConflict((oc) => oc.columns(["patient_id", "tag_id"]).doNothing())
    .returning("tag_id")
    .execute();
  if (inserted.length === 0) return false;
  await trx
    .insertInto("patient_tag_events")
    .values({ id: uuidv7(), patient_id: patientId, tag_id: tagId, action: "add", source: src.source, rule_id: src.ruleId ?? null, reason: src.reason ?? null, actor_user_id: ctx.actor.userId })
    .execute();
  await addTimelineEvent(trx, ctx, patientId, "tag.added", { tagId, source: src.source, ruleId: src.ruleId ?? null });
  return true;
}

export async function assignTag(ctx: PatientContext, input: { patientId: string; tagId: string; reason?: string }) {
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, input.patientId, "tag.assign");
    await visibleTag(ctx, trx, input.tagId);
    const added = await applyTag(ctx, trx, input.patientId, input.tagId, { source: "manual", reason: input.reason ?? null });
    await recordAudit(trx, ctx.actor, {
      action: "tag.assign",
      resourceType: "patient",
      resourceId: input.patientId,
      patientId: input.patientId,
      details: { tagId: input.tagId, changed: added },
    });
    return { changed: added };
  });
}

export async function unassignTag(ctx: PatientContext, input: { patientId: string; tagId: string; reason?: string }) {
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, input.patientId, "tag.unassign");
    await visibleTag(ctx, trx, input.tagId);
    const removed = await trx.deleteFrom("patient_tags").where("patient_id", "=", input.patientId).where("tag_id", "=", input.tagId).returning("tag_id").execute();
    if (removed.length > 0) {
      await trx
        .insertInto("patient_tag_events")
        .values({ id: uuidv7(), patient_id: input.patientId, tag_id: input.tagId, action: "remove", source: "manual", reason: input.reason ?? null, actor_user_id: ctx.actor.userId })
        .execute();
      await addTimelineEvent(trx, ctx, input.patientId, "tag.removed", { tagId: input.tagId, source: "manual" });
    }
    await recordAudit(trx, ctx.actor, {
      action: "tag.unassign",
      resourceType: "patient",
      resourceId: input.patientId,
      patientId: input.patientId,
      details: { tagId: input.tagId, changed: removed.length > 0 },
    });
    return { changed: removed.length > 0 };
  });
}

export async function tagHistory(ctx: PatientContext, patientId: string) {
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, patientId, "tag.history");
    let q = trx
      .selectFrom("patient_tag_events as e")
      .innerJoin("tags as t", "t.id", "e.tag_id")
      .select(["e.id", "e.action", "e.source", "e.rule_id", "e.reason", "e.actor_user_id", "e.occurred_at", "t.id as tag_id", "t.name", "t.colour"])
      .where("e.patient_id", "=", patientId);
    if (!can(ctx, "tag.read_sensitive")) q = q.where("t.sensitive", "=", false);
    const rows = await q.orderBy("e.id", "desc").limit(200).execute();
    const names = await staffNames(ctx, trx, rows.map((r) => r.actor_user_id));
    await recordAudit(trx, ctx.actor, { action: "tag.history", resourceType: "patient", resourceId: patientId, patientId, purpose: "care" });
    return rows.map((r) => ({
      id: r.id,
      action: r.action,
      source: r.source,
      ruleId: r.rule_id,
      reason: r.reason,
      tag: { id: r.tag_id, name: r.name, colour: r.colour },
      actor: r.actor_user_id ? { id: r.actor_user_id, name: names.get(r.actor_user_id) ?? "—" } : null,
      occurredAt: r.occurred_at,
    }));
  });
}
