import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { startPlanFromTemplate, TemplateNotFound } from "@/server/modules/followup/plan-start";
import { evaluateCondition, usedFacts } from "@/server/shared/rules/condition";
import { ZRuleAction, type TRuleAction } from "@/server/shared/rules/rule";
import { z } from "zod";
import { insertPending, pendingRows, RULE_WRITE_COLUMNS, UNNEST_CHUNK, unnestSelect, type PendingRows } from "./bulk-insert";
import { loadFacts } from "./rule-facts";

/** Who evaluates: the actor of the change that triggered it (or the system for bulk runs). */
export interface RuleRunner {
  tenantId: string;
  actor: AuditActor;
}

export interface LoadedRule {
  id: string;
  name: string;
  version: number;
  condition: unknown;
  actions: TRuleAction[];
  priority: number;
}

const ZActions = z.array(ZRuleAction);

/** Enabled rules, in the order their actions run (priority, then age). */
export async function loadEnabledRules(db: TenantDb): Promise<LoadedRule[]> {
  const rows = await db.selectFrom("rules").select(["id", "name", "version", "condition", "actions", "priority"]).where("enabled", "=", true).orderBy("priority").orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, name: r.name, version: r.version, condition: r.condition, actions: ZActions.parse(r.actions), priority: r.priority }));
}

export interface EvaluationOutcome {
  /** Patients whose rule matches changed (entered or left a rule, or a rule's version moved). */
  changed: string[];
  entered: number;
  left: number;
}

interface Transition {
  patientId: string;
  rule: LoadedRule;
  facts: Record<string, unknown>;
}

const DAY_MS = 86_400_000;

/**
 * Evaluates every enabled rule for these patients and applies the difference to what is stored in
 * `rule_matches`: a patient who starts matching a rule gets its actions once; one who stops matching
 * loses the tags that rule added; a patient whose outcome is unchanged causes no write at all (idempotent).
 * Runs in the caller's transaction. With `audit`, one audit event names the changed patients.
 */
export async function evaluatePatients(
  trx: TenantDb,
  runner: RuleRunner,
  patientIds: readonly string[],
  options: { rules?: LoadedRule[]; now?: Date; audit?: "per-patient" | "batch" | "none"; runId?: string } = {},
): Promise<EvaluationOutcome> {
  const now = options.now ?? new Date();
  const rules = options.rules ?? (await loadEnabledRules(trx));
  const ids = [...new Set(patientIds)];
  if (ids.length === 0) return { changed: [], entered: 0, left: 0 };
  const storedQuery = trx.selectFrom("rule_matches").select(["rule_id", "patient_id", "rule_version"]).where("patient_id", "in", ids);
  // No enabled rule and nothing stored: nothing can change, so the facts are not even read.
  if (rules.length === 0 && !(await storedQuery.limit(1).executeTakeFirst())) return { changed: [], entered: 0, left: 0 };
  const [factsByPatient, stored] = await Promise.all([loadFacts(trx, ids, now), storedQuery.execute()]);
  const storedKey = new Map(stored.map((m) => [`${m.rule_id}:${m.patient_id}`, m.rule_version]));
  const enabledIds = new Set(rules.map((r) => r.id));
  const entered: Transition[] = [];
  const versionMoved: Transition[] = [];
  const left: { patientId: string; ruleId: string }[] = [];

  for (const [patientId, facts] of factsByPatient) {
    for (const rule of rules) {
      const matched = evaluateCondition(rule.condition, facts);
      const before = storedKey.get(`${rule.id}:${patientId}`);
      if (matched && before === undefined) entered.push({ patientId, rule, facts: usedFacts(rule.condition, facts) });
      else if (matched && before !== rule.version) versionMoved.push({ patientId, rule, facts: usedFacts(rule.condition, facts) });
      else if (!matched && before !== undefined) left.push({ patientId, ruleId: rule.id });
    }
  }
  // Matches of rules that were disabled or deleted since: the patient no longer matches them.
  for (const m of stored) if (!enabledIds.has(m.rule_id) && factsByPatient.has(m.patient_id)) left.push({ patientId: m.patient_id, ruleId: m.rule_id });

  const pending = pendingRows();
  if (entered.length) {
    pending.rule_matches.push(...entered.map((e) => ({ rule_id: e.rule.id, patient_id: e.patientId, rule_version: e.rule.version, facts: JSON.stringify(e.facts), matched_at: now })));
    await runActions(trx, runner, entered, now, pending);
  }
  for (const v of versionMoved) {
    await trx.updateTable("rule_matches").set({ rule_version: v.rule.version, facts: JSON.stringify(v.facts), matched_at: now }).where("rule_id", "=", v.rule.id).where("patient_id", "=", v.patientId).execute();
    await trx
      .updateTable("patient_tags")
      .set({ rule_version: v.rule.version, rule_facts: JSON.stringify(v.facts), reason: v.rule.name })
      .where("patient_id", "=", v.patientId)
      .where("source", "=", "rule")
      .where("rule_id", "=", v.rule.id)
      .execute();
  }
  if (left.length) await leaveRules(trx, runner, left, pending);
  await insertPending(trx, pending);

  const changed = [...new Set([...entered, ...versionMoved].map((t) => t.patientId).concat(left.map((l) => l.patientId)))];
  const audit = options.audit ?? "per-patient";
  if (changed.length && audit === "per-patient") {
    for (const patientId of changed) {
      await recordAudit(trx, runner.actor, {
        action: "rules.apply",
        resourceType: "patient",
        resourceId: patientId,
        patientId,
        purpose: "care",
        details: {
          entered: entered.filter((e) => e.patientId === patientId).map((e) => ({ ruleId: e.rule.id, version: e.rule.version })),
          left: left.filter((l) => l.patientId === patientId).map((l) => l.ruleId),
        },
      });
    }
  } else if (changed.length && audit === "batch") {
    await recordAudit(trx, runner.actor, {
      action: "rules.apply",
      resourceType: "rule_run",
      ...(options.runId ? { resourceId: options.runId } : {}),
      purpose: "care",
      details: { patientIds: changed, entered: entered.length, left: left.length },
    });
  }
  return { changed, entered: entered.length, left: left.length };
}


async function runActions(trx: TenantDb, runner: RuleRunner, entered: Transition[], now: Date, pending: PendingRows) {
  const actorId = runner.actor.userId;
  const pairs = (type: "addTag" | "removeTag") =>
    entered.flatMap((e) => e.rule.actions.flatMap((a) => (a.type === type ? [{ e, tagId: a.tagId }] : [])));
  const key = (patientId: string, tagId: string) => `${patientId}:${tagId}`;

  // Tags first, in bulk: one unnest insert per 5000 rows; the rows that already existed are "unchanged".
  const adds = pairs("addTag");
  const added = new Set<string>();
  for (let i = 0; i < adds.length; i += UNNEST_CHUNK) {
    const rows = adds.slice(i, i + UNNEST_CHUNK).map(({ e, tagId }) => ({
      patient_id: e.patientId,
      tag_id: tagId,
      source: "rule" as const,
      rule_id: e.rule.id,
      rule_version: e.rule.version,
      rule_facts: JSON.stringify(e.facts),
      reason: e.rule.name,
      added_by: actorId,
    }));
    const inserted = await trx
      .insertInto("patient_tags")
      .columns(Object.keys(RULE_WRITE_COLUMNS.patient_tags) as never)
      .expression(unnestSelect("patient_tags", rows) as never)
      .onConflict((oc) => oc.columns(["patient_id", "tag_id"]).doNothing())
      .returning(["patient_id", "tag_id", "rule_id"])
      .execute();
    for (const r of inserted) added.add(`${key(r.patient_id, r.tag_id)}:${r.rule_id}`);
  }
  const removes = pairs("removeTag");
  const removed = new Set<string>();
  const byTag = new Map<string, string[]>();
  for (const { e, tagId } of removes) byTag.set(tagId, [...(byTag.get(tagId) ?? []), e.patientId]);
  for (const [tagId, patientIds] of byTag) {
    for (let i = 0; i < patientIds.length; i += 1000) {
      const gone = await trx.deleteFrom("patient_tags").where("tag_id", "=", tagId).where("patient_id", "in", patientIds.slice(i, i + 1000)).returning("patient_id").execute();
      for (const r of gone) removed.add(key(r.patient_id, tagId));
    }
  }

  const needsManager = entered.some((e) => e.rule.actions.some((a) => a.type === "createTask"));
  const managers = needsManager
    ? new Map((await trx.selectFrom("patients").select(["id", "manager_user_id"]).where("id", "in", [...new Set(entered.map((e) => e.patientId))]).execute()).map((p) => [p.id, p.manager_user_id]))
    : new Map<string, string | null>();

  const log: Record<string, unknown>[] = [];
  const tagEvents: Record<string, unknown>[] = [];
  const timeline: Record<string, unknown>[] = [];
  const tasks: Record<string, unknown>[] = [];
  const tagEvent = (e: Transition, tagId: string, action: "add" | "remove") => {
    tagEvents.push({ id: uuidv7(), patient_id: e.patientId, tag_id: tagId, action, source: "rule", rule_id: e.rule.id, rule_version: e.rule.version, reason: e.rule.name, actor_user_id: actorId });
    timeline.push({ id: uuidv7(), patient_id: e.patientId, kind: action === "add" ? "tag.added" : "tag.removed", actor_user_id: actorId, details: JSON.stringify({ tagId, source: "rule", ruleId: e.rule.id }) });
  };
  for (const e of entered) {
    for (const action of e.rule.actions) {
      let status: "done" | "pending" | "unchanged" = "done";
      if (action.type === "addTag") {
        if (added.delete(`${key(e.patientId, action.tagId)}:${e.rule.id}`)) tagEvent(e, action.tagId, "add");
        else status = "unchanged";
      } else if (action.type === "removeTag") {
        if (removed.delete(key(e.patientId, action.tagId))) tagEvent(e, action.tagId, "remove");
        else status = "unchanged";
      } else if (action.type === "createTask") {
        tasks.push({ id: uuidv7(), assignee_user_id: managers.get(e.patientId) ?? null, patient_id: e.patientId, kind: "rule", due_at: new Date(now.getTime() + action.dueInDays * DAY_MS), rule_id: e.rule.id });
      } else {
        try {
          const plan = await startPlanFromTemplate(trx, runner.actor, { patientId: e.patientId, template: { code: action.templateCode }, source: "rule", sourceRef: e.rule.id }, now);
          if (!plan.created) status = "unchanged";
        } catch (error) {
          if (!(error instanceof TemplateNotFound)) throw error;
          // Kept as pending: the template may be (re)activated; the log shows what was not started.
          status = "pending";
        }
      }
      log.push({ id: uuidv7(), rule_id: e.rule.id, rule_version: e.rule.version, patient_id: e.patientId, action: JSON.stringify(action), status, occurred_at: now });
    }
  }
  pending.patient_tag_events.push(...tagEvents);
  pending.patient_events.push(...timeline);
  pending.worklist_tasks.push(...tasks);
  pending.rule_action_log.push(...log);
}

/** Undoes what only a match maintains: the automatic tags this rule added. Tasks and plans stay (they are work, not state). */
async function leaveRules(trx: TenantDb, runner: RuleRunner, left: { patientId: string; ruleId: string }[], pending: PendingRows) {
  const actorId = runner.actor.userId;
  const events: Record<string, unknown>[] = [];
  const timeline: Record<string, unknown>[] = [];
  const byRule = new Map<string, string[]>();
  for (const l of left) byRule.set(l.ruleId, [...(byRule.get(l.ruleId) ?? []), l.patientId]);
  for (const [ruleId, patientIds] of byRule) {
    for (let i = 0; i < patientIds.length; i += 1000) {
      const chunk = patientIds.slice(i, i + 1000);
      await trx.deleteFrom("rule_matches").where("rule_id", "=", ruleId).where("patient_id", "in", chunk).execute();
      const removed = await trx
        .deleteFrom("patient_tags")
        .where("rule_id", "=", ruleId)
        .where("source", "=", "rule")
        .where("patient_id", "in", chunk)
        .returning(["patient_id", "tag_id", "rule_version"])
        .execute();
      for (const r of removed) {
        events.push({ id: uuidv7(), patient_id: r.patient_id, tag_id: r.tag_id, action: "remove", source: "rule", rule_id: ruleId, rule_version: r.rule_version, reason: null, actor_user_id: actorId });
        timeline.push({ id: uuidv7(), patient_id: r.patient_id, kind: "tag.removed", actor_user_id: actorId, details: JSON.stringify({ tagId: r.tag_id, source: "rule", ruleId }) });
      }
    }
  }
  pending.patient_tag_events.push(...events);
  pending.patient_events.push(...timeline);
}
