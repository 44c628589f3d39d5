import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import { processRerunBatch } from "@/server/modules/rules/rule-rerun";
import type { TRuleAction } from "@/server/shared/rules/rule";

/**
 * Example tagging rules of the demo tenant (cut-points from CLINICAL.md): 中国高血压防治指南 2018 (正常高值
 * 130–139 / 85–89 as the 基本公共卫生 high-risk band), CDS 2020 (FPG ≥ 6.1 impaired), 中国成人血脂异常防治指南
 * (TC ≥ 6.2, LDL-C ≥ 4.1, TG ≥ 2.3, HDL-C < 1.0 mmol/L), WS/T 428-2013 (BMI ≥ 28; waist ≥ 90 M / ≥ 85 F),
 * PHQ-9 ≥ 10 (moderate or worse; Kroenke 2001).
 */
const v = (name: string) => ({ var: name });
const has = (name: string) => ({ "!!": [v(name)] });

interface DemoRule {
  name: string;
  description: string;
  tag: { name: string; colour: string; category: string; sensitive: boolean };
  condition: Record<string, unknown>;
  actions: (tagId: string) => TRuleAction[];
  priority: number;
}

export const DEMO_RULES: DemoRule[] = [
  {
    name: "高血压高危",
    description: "收缩压 130–139 或舒张压 85–89 mmHg：至少每 6 个月测一次血压，并给予生活方式指导。",
    tag: { name: "高血压高危", colour: "#e8590c", category: "风险", sensitive: false },
    condition: { or: [{ and: [{ ">=": [v("indicator.SBP.value"), 130] }, { "<=": [v("indicator.SBP.value"), 139] }] }, { and: [{ ">=": [v("indicator.DBP.value"), 85] }, { "<=": [v("indicator.DBP.value"), 89] }] }] },
    actions: (tagId) => [{ type: "addTag", tagId }, { type: "createTask", dueInDays: 14 }],
    priority: 10,
  },
  {
    name: "血糖异常",
    description: "空腹血糖 ≥ 6.1 mmol/L：请健康管理师一周内联系，安排 OGTT 复查。",
    tag: { name: "血糖异常", colour: "#c2255c", category: "风险", sensitive: false },
    condition: { ">=": [v("indicator.FPG.value"), 6.1] },
    actions: (tagId) => [{ type: "addTag", tagId }, { type: "createTask", dueInDays: 7 }],
    priority: 20,
  },
  {
    name: "血脂异常",
    description: "TC ≥ 6.2、LDL-C ≥ 4.1、TG ≥ 2.3 或 HDL-C < 1.0 mmol/L。",
    tag: { name: "血脂异常", colour: "#e67700", category: "慢病", sensitive: false },
    condition: {
      or: [
        { ">=": [v("indicator.TC.value"), 6.2] },
        { ">=": [v("indicator.LDLC.value"), 4.1] },
        { ">=": [v("indicator.TG.value"), 2.3] },
        { and: [has("indicator.HDLC.value"), { "<": [v("indicator.HDLC.value"), 1.0] }] },
      ],
    },
    actions: (tagId) => [{ type: "addTag", tagId }, { type: "createTask", dueInDays: 30 }],
    priority: 30,
  },
  {
    name: "肥胖",
    description: "BMI ≥ 28 kg/m²（WS/T 428-2013）。",
    tag: { name: "肥胖", colour: "#5c940d", category: "体重", sensitive: false },
    condition: { ">=": [v("indicator.BMI.value"), 28] },
    actions: (tagId) => [{ type: "addTag", tagId }],
    priority: 40,
  },
  {
    name: "中心性肥胖",
    description: "腰围 男 ≥ 90 cm、女 ≥ 85 cm（WS/T 428-2013）。",
    tag: { name: "中心性肥胖", colour: "#2b8a3e", category: "体重", sensitive: false },
    condition: {
      or: [
        { and: [{ "==": [v("sex"), "male"] }, { ">=": [v("indicator.WAIST.value"), 90] }] },
        { and: [{ "==": [v("sex"), "female"] }, { ">=": [v("indicator.WAIST.value"), 85] }] },
      ],
    },
    actions: (tagId) => [{ type: "addTag", tagId }],
    priority: 50,
  },
  {
    name: "抑郁筛查阳性",
    description: "PHQ-9 总分 ≥ 10（中度及以上）：敏感标签，健康管理师次日内联系并评估，必要时转介。",
    tag: { name: "抑郁筛查阳性", colour: "#7048e8", category: "心理", sensitive: true },
    condition: { ">=": [v("score.phq9.total"), 10] },
    actions: (tagId) => [{ type: "addTag", tagId }, { type: "createTask", dueInDays: 1 }],
    priority: 5,
  },
];

/** Creates the example rules (enabled) and their tags once, then evaluates every patient of the tenant. Idempotent. */
export async function seedDemoRules(handle: DatabaseHandle, tenantSlug: string): Promise<{ created: number }> {
  const tenant = await handle.control.selectFrom("tenants").select("id").where("slug", "=", tenantSlug).executeTakeFirst();
  if (!tenant) return { created: 0 };
  const tdb = forTenant(handle.unsafeRoot, tenantSlug);
  let created = 0;
  await tdb.transaction().execute(async (trx) => {
    for (const r of DEMO_RULES) {
      if (await trx.selectFrom("rules").select("id").where("name", "=", r.name).executeTakeFirst()) continue;
      const existing = await trx.selectFrom("tags").select("id").where("name", "=", r.tag.name).executeTakeFirst();
      const tagId = existing?.id ?? (await trx.insertInto("tags").values({ id: uuidv7(), ...r.tag }).returning("id").executeTakeFirstOrThrow()).id;
      const id = uuidv7();
      const actions = JSON.stringify(r.actions(tagId));
      const condition = JSON.stringify(r.condition);
      await trx.insertInto("rules").values({ id, name: r.name, description: r.description, condition, actions, priority: r.priority, enabled: true, version: 1 }).execute();
      await trx.insertInto("rule_versions").values({ id: uuidv7(), rule_id: id, version: 1, name: r.name, condition, actions, priority: r.priority, enabled: true }).execute();
      created += 1;
    }
  });
  if (created > 0) {
    const runId = uuidv7();
    await tdb.insertInto("rule_runs").values({ id: runId, status: "queued" }).execute();
    const runner = { tenantId: tenant.id, actorBase: { role: "system", tenantId: tenant.id, requestId: "demo-seed", ip: null, userAgent: "demo-seed" } };
    while (!(await processRerunBatch(tdb, runner, runId)).done);
  }
  return { created };
}
