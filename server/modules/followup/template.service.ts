import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import { recordAudit } from "@/server/audit/record";
import { badInput, type PatientContext } from "@/server/modules/patient/patient-context";
import { stepsProblem, ZTemplateStep, type Guideline, type TemplateStep } from "./rules/template-steps";

export interface TemplateSummary {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  version: number;
  guideline: Guideline | null;
  active: boolean;
  steps: TemplateStep[];
  activePlans: number;
}

export async function listTemplates(ctx: PatientContext, options: { includeInactive: boolean }): Promise<TemplateSummary[]> {
  let q = ctx.db
    .selectFrom("followup_templates as t")
    .innerJoin("followup_template_versions as v", (j) => j.onRef("v.template_id", "=", "t.id").onRef("v.version", "=", "t.current_version"))
    .select((eb) => [
      "t.id",
      "t.code",
      "t.name",
      "t.name_en",
      "t.active",
      "t.current_version",
      "v.guideline",
      "v.steps",
      eb
        .selectFrom("followup_plans as p")
        .innerJoin("followup_template_versions as pv", "pv.id", "p.template_version_id")
        .select((e) => e.fn.countAll<string>().as("n"))
        .whereRef("pv.template_id", "=", "t.id")
        .where("p.status", "=", "active")
        .as("active_plans"),
    ])
    .orderBy("t.created_at")
    .orderBy("t.id");
  if (!options.includeInactive) q = q.where("t.active", "=", true);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    version: r.current_version,
    guideline: r.guideline,
    active: r.active,
    steps: ZTemplateStep.array().parse(r.steps),
    activePlans: Number(r.active_plans ?? 0),
  }));
}

export interface SaveTemplateInput {
  id?: string;
  code?: string;
  name: string;
  nameEn?: string | null;
  guideline: Guideline | null;
  steps: TemplateStep[];
  active: boolean;
}

/**
 * Creates a template, or saves an edit as a NEW version (versions are never changed in place, so
 * running plans keep the steps they started with).
 */
export async function saveTemplate(ctx: PatientContext, input: SaveTemplateInput): Promise<{ id: string; version: number }> {
  const problem = stepsProblem(input.steps);
  if (problem) throw badInput(problem);
  return ctx.db.transaction().execute(async (trx) => {
    const now = new Date();
    let id = input.id;
    let version = 1;
    if (id) {
      const t = await trx.selectFrom("followup_templates").select(["id", "current_version"]).where("id", "=", id).forUpdate().executeTakeFirst();
      if (!t) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
      version = t.current_version + 1;
      await trx.updateTable("followup_templates").set({ name: input.name, name_en: input.nameEn ?? null, current_version: version, active: input.active, updated_at: now }).where("id", "=", id).execute();
    } else {
      id = uuidv7();
      const code = input.code ?? `custom_${id.slice(-12)}`;
      const clash = await trx.selectFrom("followup_templates").select("id").where("code", "=", code).executeTakeFirst();
      if (clash) throw badInput("templateCodeTaken");
      await trx.insertInto("followup_templates").values({ id, code, name: input.name, name_en: input.nameEn ?? null, current_version: 1, active: input.active }).execute();
    }
    await trx
      .insertInto("followup_template_versions")
      .values({ id: uuidv7(), template_id: id, version, guideline: input.guideline, steps: JSON.stringify(input.steps), created_by: ctx.actor.userId })
      .execute();
    await recordAudit(trx, ctx.actor, { action: "followup.template_save", resourceType: "followup_template", resourceId: id, details: { version } });
    return { id, version };
  });
}
