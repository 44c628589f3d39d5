/**
 * Rules engine benchmark (run by bench/run.mjs through tsx; prints one JSON line).
 * Tenant `bench-risk` (bench/risk-tenant.ts: 100,000 patients with records and 12 observations each).
 * 20 enabled rules over indicators, trends, demographics, record facts and risk levels, each adding a tag
 * (four also create a task). Measured:
 *  - bulk: a full re-run (processRerunBatch, batches of 1000, as the Inngest function runs it) — first
 *    run (patients enter rules: tags, events, tasks written), then a second run with unchanged facts
 *    (nothing written); peak RSS sampled every 50 ms and RSS after each tenth of the batches (flat?);
 *  - baseline (same run): reading the facts alone for the same batches (loadFacts, no evaluation, no writes);
 *  - single patient after a new observation: 200 patients, each in its own transaction, one new SBP value
 *    inserted, then evaluatePatients([id]) timed (p50/p95); its baseline is loadFacts([id]) in the same
 *    transaction. Goals: bulk ≤ 60 s, single-patient p95 ≤ 20 ms.
 */
import { sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { openDatabase } from "@/db/client";
import { forTenant, type TenantDb } from "@/db/tenant";
import { evaluatePatients, loadEnabledRules } from "@/server/modules/rules/rule-engine";
import { loadFacts } from "@/server/modules/rules/rule-facts";
import { processRerunBatch, RERUN_BATCH_SIZE } from "@/server/modules/rules/rule-rerun";
import type { TRuleAction } from "@/server/shared/rules/rule";
import { cliActor } from "../scripts/cli-database";
import { seedRiskTenant, SLUG } from "./risk-tenant";

const v = (name: string) => ({ var: name });
const ge = (name: string, n: number) => ({ ">=": [v(name), n] });
const lt = (name: string, n: number) => ({ and: [{ "!=": [v(name), null] }, { "<": [v(name), n] }] });

/** 20 rules of the kinds hospitals write (cut-points from CLINICAL.md where they exist). */
const RULES: { name: string; condition: Record<string, unknown>; task?: boolean }[] = [
  { name: "高血压高危", condition: { or: [{ and: [ge("indicator.SBP.value", 130), { "<=": [v("indicator.SBP.value"), 139] }] }, { and: [ge("indicator.DBP.value", 85), { "<=": [v("indicator.DBP.value"), 89] }] }] }, task: true },
  { name: "血压≥140/90", condition: { or: [ge("indicator.SBP.value", 140), ge("indicator.DBP.value", 90)] }, task: true },
  { name: "收缩压上升", condition: { "==": [v("indicator.SBP.trend"), "falling"] } },
  { name: "血糖异常", condition: ge("indicator.FPG.value", 6.1), task: true },
  { name: "糖尿病范围", condition: ge("indicator.FPG.value", 7.0) },
  { name: "TC 升高", condition: ge("indicator.TC.value", 6.2) },
  { name: "TG 升高", condition: ge("indicator.TG.value", 2.3) },
  { name: "HDL 降低", condition: lt("indicator.HDLC.value", 1.0) },
  { name: "中心性肥胖", condition: { or: [{ and: [{ "==": [v("sex"), "male"] }, ge("indicator.WAIST.value", 90)] }, { and: [{ "==": [v("sex"), "female"] }, ge("indicator.WAIST.value", 85)] }] } },
  { name: "肌酐偏高", condition: ge("indicator.CREA.value", 120) },
  { name: "体重上升", condition: { "==": [v("indicator.WEIGHT.trend"), "rising"] } },
  { name: "老年", condition: ge("age", 65) },
  { name: "中青年男性吸烟", condition: { and: [{ "==": [v("sex"), "male"] }, { "<": [v("age"), 50] }, { "==": [v("record.smoking"), "current"] }] } },
  { name: "高血压史未服药", condition: { and: [{ "==": [v("record.hypertension"), true] }, { "==": [v("record.onAntihypertensive"), false] }] }, task: true },
  { name: "糖尿病家族史", condition: { "==": [v("record.familyHistoryDiabetes"), true] } },
  { name: "心血管高风险", condition: { in: [v("risk.cvd10.level"), ["high"]] } },
  { name: "代谢综合征", condition: { "==": [v("risk.metabolic_syndrome.level"), "present"] } },
  { name: "多项异常", condition: ge("abnormal.flaggedCount", 2) },
  { name: "血压久未复测", condition: ge("indicator.SBP.daysAgo", 180) },
  { name: "金卡高血压", condition: { and: [{ "==": [v("card.level"), "金卡"] }, ge("indicator.SBP.value", 140)] } },
];

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function installRules(tdb: TenantDb): Promise<void> {
  await tdb.deleteFrom("rule_matches").execute();
  await tdb.deleteFrom("rule_action_log").execute();
  await tdb.deleteFrom("patient_tags").where("source", "=", "rule").execute();
  await tdb.deleteFrom("worklist_tasks").where("kind", "=", "rule").execute();
  await tdb.deleteFrom("rule_runs").execute();
  await tdb.deleteFrom("rule_versions").execute();
  await tdb.deleteFrom("rules").execute();
  for (const [i, r] of RULES.entries()) {
    const tagName = `规则压测-${r.name}`;
    const tag = (await tdb.selectFrom("tags").select("id").where("name", "=", tagName).executeTakeFirst()) ?? (await tdb.insertInto("tags").values({ id: uuidv7(), name: tagName, colour: "#64748b", category: "压测", sensitive: false }).returning("id").executeTakeFirstOrThrow());
    const actions: TRuleAction[] = [{ type: "addTag", tagId: tag.id }, ...(r.task ? [{ type: "createTask" as const, dueInDays: 14 }] : [])];
    const id = uuidv7();
    await tdb.insertInto("rules").values({ id, name: r.name, description: null, condition: JSON.stringify(r.condition), actions: JSON.stringify(actions), priority: 10 + i, enabled: true, version: 1, created_by: null }).execute();
    await tdb.insertInto("rule_versions").values({ id: uuidv7(), rule_id: id, version: 1, name: r.name, condition: JSON.stringify(r.condition), actions: JSON.stringify(actions), priority: 10 + i, enabled: true, changed_by: null }).execute();
  }
}

/** A full re-run as the Inngest function does it; RSS after every tenth of the batches. */
async function rerun(tdb: TenantDb, tenantId: string, total: number) {
  const runId = uuidv7();
  await tdb.insertInto("rule_runs").values({ id: runId, status: "queued", requested_by: null }).execute();
  const runner = { tenantId, actorBase: { role: "system", tenantId, requestId: `bench:${runId}`, ip: null, userAgent: "bench/rules-bulk" } };
  const batches = Math.ceil(total / RERUN_BATCH_SIZE);
  const rssMb: number[] = [];
  const t0 = performance.now();
  let result;
  for (let b = 0; ; b++) {
    result = await processRerunBatch(tdb, runner, runId);
    if (b % Math.max(1, Math.floor(batches / 10)) === 0) rssMb.push(Math.round(process.memoryUsage().rss / 1e5) / 10);
    if (result.done) break;
  }
  return { ms: performance.now() - t0, processed: result.processed, changed: result.changed, rssMb };
}

/** Baseline: the facts of the same batches, read and discarded. */
async function readFactsOnly(tdb: TenantDb): Promise<number> {
  let after: string | null = null;
  let n = 0;
  for (;;) {
    let q = tdb.selectFrom("patients").select("id").orderBy("id").limit(RERUN_BATCH_SIZE);
    if (after) q = q.where("id", ">", after);
    const ids = (await q.execute()).map((r) => r.id);
    if (!ids.length) break;
    n += (await loadFacts(tdb, ids)).size;
    after = ids.at(-1)!;
    if (ids.length < RERUN_BATCH_SIZE) break;
  }
  return n;
}

async function singlePatient(tdb: TenantDb, tenantId: string, n: number) {
  const sbp = await tdb.selectFrom("indicators").select("id").where("code", "=", "SBP").executeTakeFirstOrThrow();
  const sample = (await sql<{ id: string }>`select id from ${sql.table(`t_${SLUG.replace(/-/g, "_")}.patients`)} order by random() limit ${n}`.execute(tdb)).rows.map((r) => r.id);
  const actor = { ...cliActor("bench-rules"), tenantId };
  const rules = await loadEnabledRules(tdb);
  const evalMs: number[] = [];
  const unchangedMs: number[] = [];
  const factsMs: number[] = [];
  let changed = 0;
  for (const [i, id] of sample.entries()) {
    await tdb.transaction().execute(async (trx) => {
      const value = 118 + ((i * 7) % 40);
      await trx.insertInto("observations").values({ id: uuidv7(), patient_id: id, indicator_id: sbp.id, observed_at: new Date(), value_num: value, original_value: String(value), source_kind: "manual" }).execute();
      // Alternate the order so neither side always runs on a warm cache.
      const timeFacts = async () => {
        const f0 = performance.now();
        await loadFacts(trx, [id]);
        factsMs.push(performance.now() - f0);
      };
      const timeEval = async () => {
        const e0 = performance.now();
        const outcome = await evaluatePatients(trx, { tenantId, actor }, [id], { rules: i % 2 ? undefined : rules });
        const ms = performance.now() - e0;
        evalMs.push(ms);
        if (outcome.changed.length) changed += 1;
        else unchangedMs.push(ms);
      };
      if (i % 2) await timeFacts().then(timeEval);
      else await timeEval().then(timeFacts);
      // Rolled back: every sample starts from the same stored state.
      throw new Rollback();
    }).catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e;
    });
  }
  return { n: sample.length, changed, eval: { p50: pct(evalMs, 50), p95: pct(evalMs, 95), max: Math.max(...evalMs) }, unchanged: { n: unchangedMs.length, p50: pct(unchangedMs, 50), p95: pct(unchangedMs, 95) }, facts: { p50: pct(factsMs, 50), p95: pct(factsMs, 95) } };
}

class Rollback extends Error {}

async function main() {
  const count = Number(process.env.BENCH_RISK_PATIENTS ?? 100_000);
  const handle = await openDatabase({ url: process.env.DATABASE_URL, poolSize: 4 });
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  try {
    const seeded = await seedRiskTenant(handle, count);
    const tenant = await handle.control.selectFrom("tenants").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
    const tdb = forTenant(handle.unsafeRoot, SLUG);
    await installRules(tdb);
    const total = Number((await tdb.selectFrom("patients").select((e) => e.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
    const rssStartMb = Math.round(process.memoryUsage().rss / 1e5) / 10;
    const b0 = performance.now();
    const baselineFacts = await readFactsOnly(tdb);
    const baselineMs = performance.now() - b0;
    const first = await rerun(tdb, tenant.id, total);
    const second = await rerun(tdb, tenant.id, total);
    const matches = Number((await tdb.selectFrom("rule_matches").select((e) => e.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
    const single = await singlePatient(tdb, tenant.id, 200);
    console.log(JSON.stringify({ patients: total, rules: RULES.length, seeded: seeded.seeded, baselineMs, baselineFacts, first, second, matches, single, rssStartMb, peakRssMb: Math.round(peakRss / 1e5) / 10 }));
  } finally {
    clearInterval(sampler);
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
