import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit } from "@/server/audit/record";
import { inPatientTransaction, loadPatientInScope, type PatientContext } from "@/server/modules/patient/patient-context";
import { checkCondition, evaluateCondition, explainCondition, parseCondition, usedFacts } from "@/server/shared/rules/condition";
import { allFacts } from "@/server/shared/rules/facts";
import { ZRuleAction, type TRuleAction } from "@/server/shared/rules/rule";
import { z } from "zod";
import { loadFactUniverse, loadFacts } from "./rule-facts";
import { namedProblems } from "./rule-errors";
import { requestRerunFor } from "./rule-rerun";

export interface RuleInput {
  name: string;
  description?: string | null | undefined;
  condition: string | Record<string, unknown>;
  actions: TRuleAction[];
  priority: number;
  enabled: boolean;
}

const ZActions = z.array(ZRuleAction);

function uniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "23505";
}

/** Parses and checks a condition against the tenant's facts; every problem is named (fact, operation). */
export async function validCondition(db: TenantDb, condition: string | Record<string, unknown>): Promise<Record<string, unknown>> {
  let value: unknown = condition;
  if (typeof condition === "string") {
    const parsed = parseCondition(condition);
    if (!parsed.ok) throw namedProblems([{ path: ["condition"], message: "errors.ruleConditionUnparsable" }]);
    value = parsed.value;
  }
  const problems = checkCondition(value, await loadFactUniverse(db));
  if (problems.length) throw namedProblems(problems.map((p) => ({ path: ["condition", p.name], message: p.message })));
  return value as Record<string, unknown>;
}

async function checkActions(db: TenantDb, actions: TRuleAction[]) {
  const tagIds = [...new Set(actions.flatMap((a) => (a.type === "addTag" || a.type === "removeTag" ? [a.tagId] : [])))];
  if (tagIds.length) {
    const found = new Set((await db.selectFrom("tags").select("id").where("id", "in", tagIds).execute()).map((t) => t.id));
    const missing = tagIds.filter((id) => !found.has(id));
    // A tag id that is not in this tenant is NOT_FOUND, like every foreign id (DESIGN §3.1).
    if (missing.length) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  }
  const codes = [...new Set(actions.flatMap((a) => (a.type === "startPlan" ? [a.templateCode] : [])))];
  if (codes.length) {
    const found = new Set((await db.selectFrom("followup_templates").select("code").where("code", "in", codes).execute()).map((t) => t.code));
    const missing = codes.filter((c) => !found.has(c));
    if (missing.length) throw namedProblems(missing.map((c) => ({ path: ["actions", c], message: "errors.ruleTemplateUnknown" })));
  }
}

export async function listRules(ctx: PatientContext) {
  const [rules, counts, run] = await Promise.all([
    ctx.db.selectFrom("rules").selectAll().orderBy("priority").orderBy("name").execute(),
    ctx.db.selectFrom("rule_matches").select(["rule_id", (eb) => eb.fn.countAll<string>().as("n")]).groupBy("rule_id").execute(),
    latestRun(ctx.db),
  ]);
  const byRule = new Map(counts.map((c) => [c.rule_id, Number(c.n)]));
  return {
    rules: rules.map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      condition: r.condition as Record<string, unknown>,
      actions: ZActions.parse(r.actions),
      priority: r.priority,
      enabled: r.enabled,
      version: r.version,
      matchedPatients: byRule.get(r.id) ?? 0,
      updatedAt: r.updated_at,
    })),
    run,
  };
}

export async function getRule(ctx: PatientContext, id: string) {
  const rule = await ctx.db.selectFrom("rules").selectAll().where("id", "=", id).executeTakeFirst();
  if (!rule) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  const versions = await ctx.db.selectFrom("rule_versions").select(["version", "changed_at", "enabled"]).where("rule_id", "=", id).orderBy("version", "desc").limit(50).execute();
  return {
    id: rule.id,
    name: rule.name,
    description: rule.description,
    condition: rule.condition as Record<string, unknown>,
    actions: ZActions.parse(rule.actions),
    priority: rule.priority,
    enabled: rule.enabled,
    version: rule.version,
    versions: versions.map((v) => ({ version: v.version, changedAt: v.changed_at, enabled: v.enabled })),
  };
}

/** The fact catalogue of this tenant, for the condition builder. */
export async function factCatalogue(ctx: PatientContext) {
  return allFacts(await loadFactUniverse(ctx.db)).map((f) => ({ name: f.name, type: f.type, values: f.values ? [...f.values] : null, unit: f.unit ?? null }));
}

function requestRerun(trx: TenantDb, ctx: PatientContext): Promise<string> {
  return requestRerunFor(trx, ctx.tenant.id, ctx.actor.userId);
}

/**
 * Saves a rule (new version when anything changed). When the rule is or was enabled and its logic
 * changed, a bulk re-run is queued so every patient's tags follow the new rule.
 */
export async function saveRule(ctx: PatientContext, input: RuleInput & { id?: string | undefined }) {
  const condition = await validCondition(ctx.db, input.condition);
  await checkActions(ctx.db, input.actions);
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const now = new Date();
      let id = input.id;
      let version = 1;
      let rerun = input.enabled;
      if (id) {
        const current = await trx.selectFrom("rules").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
        if (!current) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
        const same =
          current.name === input.name &&
          (current.description ?? null) === (input.description ?? null) &&
          JSON.stringify(current.condition) === JSON.stringify(condition) &&
          JSON.stringify(current.actions) === JSON.stringify(input.actions) &&
          current.priority === input.priority &&
          current.enabled === input.enabled;
        if (same) return { id, version: current.version, rerunId: null };
        version = current.version + 1;
        rerun = current.enabled || input.enabled;
        await trx
          .updateTable("rules")
          .set({ name: input.name, description: input.description ?? null, condition: JSON.stringify(condition), actions: JSON.stringify(input.actions), priority: input.priority, enabled: input.enabled, version, updated_at: now })
          .where("id", "=", id)
          .execute();
      } else {
        id = uuidv7();
        await trx
          .insertInto("rules")
          .values({ id, name: input.name, description: input.description ?? null, condition: JSON.stringify(condition), actions: JSON.stringify(input.actions), priority: input.priority, enabled: input.enabled, version, created_by: ctx.actor.userId })
          .execute();
      }
      await trx
        .insertInto("rule_versions")
        .values({ id: uuidv7(), rule_id: id, version, name: input.name, condition: JSON.stringify(condition), actions: JSON.stringify(input.actions), priority: input.priority, enabled: input.enabled, changed_by: ctx.actor.userId })
        .execute();
      const rerunId = rerun ? await requestRerun(trx, ctx) : null;
      await recordAudit(trx, ctx.actor, { action: input.id ? "rule.update" : "rule.create", resourceType: "rule", resourceId: id, details: { version, enabled: input.enabled } });
      return { id, version, rerunId };
    });
  } catch (error) {
    if (uniqueViolation(error)) throw new TRPCError({ code: "CONFLICT", message: "errors.ruleNameTaken" });
    throw error;
  }
}

export async function startRerun(ctx: PatientContext) {
  return ctx.db.transaction().execute(async (trx) => {
    const runId = await requestRerun(trx, ctx);
    await recordAudit(trx, ctx.actor, { action: "rule.rerun", resourceType: "rule_run", resourceId: runId });
    return { runId };
  });
}

async function latestRun(db: TenantDb) {
  const run = await db.selectFrom("rule_runs").selectAll().orderBy("id", "desc").limit(1).executeTakeFirst();
  return run ? { id: run.id, status: run.status, total: run.total, processed: run.processed, changed: run.changed, createdAt: run.created_at, finishedAt: run.finished_at } : null;
}

export async function runStatus(ctx: PatientContext) {
  return latestRun(ctx.db);
}

/** "Test against a patient": the patient's facts, whether the condition matches and which parts did. Audited as a read of that patient. */
export async function testRule(ctx: PatientContext, input: { patientId: string; condition: string | Record<string, unknown> }) {
  const condition = await validCondition(ctx.db, input.condition);
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, input.patientId, "rule.test");
    const facts = (await loadFacts(trx, [input.patientId])).get(input.patientId)!;
    await recordAudit(trx, ctx.actor, { action: "rule.test", resourceType: "patient", resourceId: input.patientId, patientId: input.patientId, purpose: "care" });
    return { matched: evaluateCondition(condition, facts), facts, used: usedFacts(condition, facts), explanation: explainCondition(condition, facts) };
  });
}

/** How many patients the condition would match now (all patients, in batches; nothing is written). */
export async function countMatches(ctx: PatientContext, input: { condition: string | Record<string, unknown> }) {
  const condition = await validCondition(ctx.db, input.condition);
  let cursor: string | null = null;
  let matched = 0;
  let total = 0;
  for (;;) {
    let q = ctx.db.selectFrom("patients").select("id").orderBy("id").limit(2000);
    if (cursor) q = q.where("id", ">", cursor);
    const ids = (await q.execute()).map((r) => r.id);
    if (ids.length === 0) break;
    const facts = await loadFacts(ctx.db, ids);
    for (const f of facts.values()) if (evaluateCondition(condition, f)) matched += 1;
    total += ids.length;
    cursor = ids.at(-1)!;
    if (ids.length < 2000) break;
  }
  await recordAuditStandaloneCount(ctx, matched, total);
  return { matched, total };
}

async function recordAuditStandaloneCount(ctx: PatientContext, matched: number, total: number) {
  await ctx.db.transaction().execute((trx) => recordAudit(trx, ctx.actor, { action: "rule.count", resourceType: "rule", details: { matched, total } }));
}
