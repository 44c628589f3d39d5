import type { GuidelineAction } from "./guideline";
import type { TemplateStep } from "./template-steps";

export const DAY_MS = 86_400_000;

/** Kinds of worklist task a plan creates; "by type" in the worklist filters on these. */
export const FOLLOWUP_TASK_KINDS = ["followup_step", "followup_routine", "followup_recheck", "followup_referral", "followup_emergency", "followup_retry"] as const;
export type FollowupTaskKind = (typeof FOLLOWUP_TASK_KINDS)[number];

export function kindForAction(action: GuidelineAction): FollowupTaskKind {
  return action === "routine" ? "followup_routine" : action === "recheck" ? "followup_recheck" : action === "referral" ? "followup_referral" : "followup_emergency";
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** The plan's first task: step 0 at anchor + its offset. */
export function firstDue(anchor: Date, steps: readonly TemplateStep[]): { stepIndex: number; dueAt: Date } {
  return { stepIndex: 0, dueAt: addDays(anchor, steps[0]!.offsetDays) };
}

/**
 * What a plan schedules after the task for `stepIndex` (due at `dueAt`) was created.
 * Template plans follow their fixed calendar from the anchor (day 7, 15, 30 …; a repeating last step
 * every n days). Guideline plans wait: the next visit depends on the readings recorded at this one.
 * null = nothing more to schedule now.
 */
export function afterTaskCreated(
  plan: { anchorAt: Date; guideline: string | null },
  steps: readonly TemplateStep[],
  created: { stepIndex: number; dueAt: Date },
): { stepIndex: number; dueAt: Date } | null {
  if (plan.guideline) return null;
  const step = steps[created.stepIndex];
  if (!step) return null;
  if (step.repeatEveryDays) return { stepIndex: created.stepIndex, dueAt: addDays(created.dueAt, step.repeatEveryDays) };
  const next = steps[created.stepIndex + 1];
  return next ? { stepIndex: created.stepIndex + 1, dueAt: addDays(plan.anchorAt, next.offsetDays) } : null;
}

/** Unique key of the n-th task of a plan: the tick and the record form may both try; only one row wins. */
export function taskUniqueKey(planId: string, seq: number): string {
  return `plan:${planId}:${seq}`;
}

/** Tasks are created this many days before they are due, so the worklist can show what is coming. */
export const UPCOMING_HORIZON_DAYS = 7;

/** Not reached (no answer, wrong number, refused): try again in 2 days. */
export const RETRY_AFTER_DAYS = 2;
