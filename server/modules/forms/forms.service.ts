import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import { recordAudit } from "@/server/audit/record";
import type { PatientContext } from "@/server/modules/patient/patient-context";
import { namedProblems } from "@/server/modules/rules/rule-errors";
import { ZFormDocument, type TFormDocument } from "@/server/shared/forms/document";

/** Form definitions: an editable draft plus immutable published versions (responses point at a version). */
export async function listForms(ctx: PatientContext, input: { includeArchived: boolean }) {
  let q = ctx.db.selectFrom("form_definitions").select(["id", "code", "kind", "builtin", "draft", "current_version", "archived", "updated_at"]);
  if (!input.includeArchived) q = q.where("archived", "=", false);
  const rows = await q.orderBy("builtin", "desc").orderBy("code").execute();
  const published = await ctx.db.selectFrom("form_versions").select(["definition_id", "version", "document"]).execute();
  const latest = new Map<string, unknown>();
  for (const v of published) if (rows.find((r) => r.id === v.definition_id)?.current_version === v.version) latest.set(v.definition_id, v.document);
  return rows.map((r) => {
    const doc = ZFormDocument.parse(latest.get(r.id) ?? r.draft);
    return {
      id: r.id,
      code: r.code,
      kind: r.kind,
      builtin: r.builtin,
      title: doc.title,
      currentVersion: r.current_version,
      draftChanged: r.current_version === null || JSON.stringify(r.draft) !== JSON.stringify(latest.get(r.id) ?? null),
      archived: r.archived,
      scoreIds: doc.scores.map((s) => s.id),
      updatedAt: r.updated_at,
    };
  });
}

export async function getForm(ctx: PatientContext, id: string) {
  const row = await ctx.db.selectFrom("form_definitions").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  const versions = await ctx.db.selectFrom("form_versions").select(["version", "published_at"]).where("definition_id", "=", id).orderBy("version", "desc").execute();
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    builtin: row.builtin,
    archived: row.archived,
    draft: ZFormDocument.parse(row.draft),
    currentVersion: row.current_version,
    versions: versions.map((v) => ({ version: v.version, publishedAt: v.published_at })),
  };
}

export async function getFormVersion(ctx: PatientContext, input: { id: string; version: number }) {
  const row = await ctx.db.selectFrom("form_versions").select(["document", "version", "published_at"]).where("definition_id", "=", input.id).where("version", "=", input.version).executeTakeFirst();
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  return { version: row.version, publishedAt: row.published_at, document: ZFormDocument.parse(row.document) };
}

function validDocument(document: unknown): TFormDocument {
  const parsed = ZFormDocument.safeParse(document);
  if (!parsed.success) throw namedProblems(parsed.error.issues.map((i) => ({ path: ["document", ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))], message: i.code === "custom" ? i.message : "errors.invalidInput" })));
  return parsed.data;
}

function uniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "23505";
}

export async function createForm(ctx: PatientContext, input: { code: string; kind: "questionnaire" | "consultation"; document: unknown }) {
  const document = validDocument(input.document);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const id = uuidv7();
      await trx.insertInto("form_definitions").values({ id, code: input.code, kind: input.kind, draft: JSON.stringify(document), created_by: ctx.actor.userId }).execute();
      await recordAudit(trx, ctx.actor, { action: "form.create", resourceType: "form_definition", resourceId: id, details: { code: input.code } });
      return { id };
    });
  } catch (error) {
    if (uniqueViolation(error)) throw new TRPCError({ code: "CONFLICT", message: "errors.formCodeTaken" });
    throw error;
  }
}

export async function saveDraft(ctx: PatientContext, input: { id: string; document: unknown; archived?: boolean | undefined }) {
  const document = validDocument(input.document);
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("form_definitions")
      .set({ draft: JSON.stringify(document), updated_at: new Date(), ...(input.archived === undefined ? {} : { archived: input.archived }) })
      .where("id", "=", input.id)
      .returning("id")
      .executeTakeFirst();
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    await recordAudit(trx, ctx.actor, { action: "form.draft_save", resourceType: "form_definition", resourceId: input.id });
    return { id: row.id };
  });
}

/** Freezes the draft as the next version. Responses already given keep pointing at their own version. */
export async function publishForm(ctx: PatientContext, id: string) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("form_definitions").select(["id", "draft", "current_version"]).where("id", "=", id).forUpdate().executeTakeFirst();
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    const document = validDocument(row.draft);
    const version = (row.current_version ?? 0) + 1;
    await trx.insertInto("form_versions").values({ id: uuidv7(), definition_id: id, version, document: JSON.stringify(document), published_by: ctx.actor.userId }).execute();
    await trx.updateTable("form_definitions").set({ current_version: version, updated_at: new Date() }).where("id", "=", id).execute();
    await recordAudit(trx, ctx.actor, { action: "form.publish", resourceType: "form_definition", resourceId: id, details: { version } });
    return { id, version };
  });
}
