import { z } from "zod";
import { GOAL_METRICS } from "@/server/modules/plan/goal-progress";

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "errors.dateInvalid" });

export const ZGoalInput = z.object({
  metric: z.enum(GOAL_METRICS),
  comparator: z.enum(["lt", "le", "gt", "ge", "decrease_by", "increase_by"]),
  target: z.number().positive({ error: "errors.planTargetInvalid" }).max(1000, { error: "errors.planTargetInvalid" }),
  dueDate: isoDay,
});
export const ZTaskInput = z.object({ title: z.string().trim().min(1).max(200), frequency: z.enum(["daily", "weekly", "monthly", "once"]), timesPerPeriod: z.number().int().min(1).max(20) });

export const ZPlanCreateInput = z.object({
  patientId: z.uuid(),
  kind: z.enum(["intervention", "conditioning"]),
  title: z.string().trim().min(1).max(200),
  goals: z.array(ZGoalInput).min(1, { error: "errors.planNoGoals" }).max(20),
  tasks: z.array(ZTaskInput).max(30),
});
export type TPlanCreateInput = z.infer<typeof ZPlanCreateInput>;

export const ZPlanStatusInput = z.object({ planId: z.uuid(), status: z.enum(["active", "completed", "cancelled"]) });

export const ZGoal = z.object({
  id: z.uuid(),
  metric: z.enum(GOAL_METRICS),
  comparator: z.enum(["lt", "le", "gt", "ge", "decrease_by", "increase_by"]),
  target: z.number(),
  unit: z.string(),
  baseline: z.number().nullable(),
  dueDate: z.string(),
  status: z.enum(["met", "on_track", "off_track", "missed", "no_data"]),
  progress: z.number(),
  expected: z.number(),
  latest: z.number().nullable(),
  latestAt: z.string().nullable(),
});
export const ZPlan = z.object({
  id: z.uuid(),
  kind: z.enum(["intervention", "conditioning"]),
  title: z.string(),
  status: z.enum(["active", "completed", "cancelled"]),
  startDate: z.string(),
  /** on_track when every open goal is met or on track. */
  overall: z.enum(["on_track", "off_track", "met", "no_data"]),
  goals: z.array(ZGoal),
  tasks: z.array(z.object({ id: z.uuid(), title: z.string(), frequency: z.enum(["daily", "weekly", "monthly", "once"]), timesPerPeriod: z.number().int() })),
  createdAt: z.date(),
});
export type TPlan = z.infer<typeof ZPlan>;
