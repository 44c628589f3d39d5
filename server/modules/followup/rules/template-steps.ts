import { z } from "zod";

/** How a follow-up step reaches the patient. */
export const FOLLOWUP_CHANNELS = ["phone", "visit", "message", "questionnaire"] as const;
export type FollowupChannel = (typeof FOLLOWUP_CHANNELS)[number];

export const QUESTION_TYPES = ["yesno", "choice", "number", "text"] as const;

export const ZTemplateQuestion = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  label: z.string().trim().min(1).max(200),
  labelEn: z.string().trim().max(200).optional(),
  type: z.enum(QUESTION_TYPES),
  options: z.array(z.object({ value: z.string().regex(/^[a-z0-9_]{1,40}$/), label: z.string().trim().min(1).max(100), labelEn: z.string().trim().max(100).optional() })).max(20).optional(),
  unit: z.string().max(20).optional(),
  required: z.boolean().default(false),
});
export type TemplateQuestion = z.infer<typeof ZTemplateQuestion>;

export const ZTemplateStep = z.object({
  /** Days after the plan's anchor (check-up date or start) for the first occurrence of this step. */
  offsetDays: z.number().int().min(0).max(3650),
  /** The step repeats every n days after its first occurrence (e.g. 90 for quarterly); only the last step may repeat. */
  repeatEveryDays: z.number().int().min(7).max(730).nullable().default(null),
  channel: z.enum(FOLLOWUP_CHANNELS),
  title: z.string().trim().min(1).max(100),
  titleEn: z.string().trim().max(100).optional(),
  content: z.string().trim().max(2000).default(""),
  contentEn: z.string().trim().max(2000).optional(),
  questions: z.array(ZTemplateQuestion).max(30).default([]),
});
export type TemplateStep = z.infer<typeof ZTemplateStep>;

export const GUIDELINES = ["hypertension", "diabetes"] as const;
export type Guideline = (typeof GUIDELINES)[number];

/**
 * Steps in order of offset; only the last may repeat; question keys unique per step.
 * Returns the key of the first problem (an `errors.*` key) or null.
 */
export function stepsProblem(steps: readonly TemplateStep[]): string | null {
  if (steps.length === 0) return "templateNoSteps";
  for (let i = 1; i < steps.length; i++) if (steps[i]!.offsetDays < steps[i - 1]!.offsetDays) return "templateStepsOrder";
  if (steps.slice(0, -1).some((s) => s.repeatEveryDays !== null)) return "templateRepeatNotLast";
  for (const s of steps) {
    const keys = s.questions.map((q) => q.key);
    if (new Set(keys).size !== keys.length) return "templateQuestionKeys";
    if (s.questions.some((q) => q.type === "choice" && (!q.options || q.options.length < 2))) return "templateChoiceOptions";
  }
  return null;
}
