import { z } from "zod";
import { countMatches, factCatalogue, getRule, listRules, runStatus, saveRule, startRerun, testRule } from "@/server/modules/rules/rules.service";
import { ZRuleAction, ZRuleFields } from "@/server/shared/rules/rule";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

const ZCondition = ZRuleFields.shape.condition;
const ZRun = z.object({
  id: z.uuid(),
  status: z.enum(["queued", "running", "done", "failed"]),
  total: z.number().int(),
  processed: z.number().int(),
  changed: z.number().int(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
});
const ZRule = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  condition: z.record(z.string(), z.unknown()),
  actions: z.array(ZRuleAction),
  priority: z.number().int(),
  enabled: z.boolean(),
  version: z.number().int(),
});
const ZExplain: z.ZodType<{ logic: unknown; result: boolean; children: unknown[] }> = z.lazy(() => z.object({ logic: z.unknown(), result: z.boolean(), children: z.array(ZExplain) }));

export const rulesRouter = createTRPCRouter({
  list: tenantProcedure("rules.manage")
    .output(z.object({ rules: z.array(ZRule.extend({ matchedPatients: z.number().int(), updatedAt: z.date() })), run: ZRun.nullable() }))
    .query(({ ctx }) => listRules(ctx)),
  get: tenantProcedure("rules.manage")
    .input(z.object({ id: z.uuid() }))
    .output(ZRule.extend({ versions: z.array(z.object({ version: z.number().int(), changedAt: z.date(), enabled: z.boolean() })) }))
    .query(({ ctx, input }) => getRule(ctx, input.id)),
  facts: tenantProcedure("rules.manage")
    .output(z.array(z.object({ name: z.string(), type: z.enum(["number", "string", "string[]", "boolean"]), values: z.array(z.string()).nullable(), unit: z.string().nullable() })))
    .query(({ ctx }) => factCatalogue(ctx)),
  save: tenantProcedure("rules.manage")
    .input(ZRuleFields.extend({ id: z.uuid().optional() }))
    .output(z.object({ id: z.uuid(), version: z.number().int(), rerunId: z.uuid().nullable() }))
    .mutation(({ ctx, input }) => saveRule(ctx, input)),
  test: tenantProcedure("rules.manage")
    .input(z.object({ patientId: z.uuid(), condition: ZCondition }))
    .output(z.object({ matched: z.boolean(), facts: z.record(z.string(), z.unknown()), used: z.record(z.string(), z.unknown()), explanation: ZExplain }))
    .query(({ ctx, input }) => testRule(ctx, input)),
  count: tenantProcedure("rules.manage")
    .input(z.object({ condition: ZCondition }))
    .output(z.object({ matched: z.number().int(), total: z.number().int() }))
    .query(({ ctx, input }) => countMatches(ctx, input)),
  rerun: tenantProcedure("rules.manage").output(z.object({ runId: z.uuid() })).mutation(({ ctx }) => startRerun(ctx)),
  run: tenantProcedure("rules.manage").output(ZRun.nullable()).query(({ ctx }) => runStatus(ctx)),
});
