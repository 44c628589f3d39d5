import { z } from "zod";

/** What a rule does when a patient starts matching it (and, for addTag, undoes when they stop). */
export const ZRuleAction = z.discriminatedUnion("type", [
  z.object({ type: z.literal("addTag"), tagId: z.uuid() }),
  z.object({ type: z.literal("removeTag"), tagId: z.uuid() }),
  /** A worklist task for the patient's health manager, due in this many days. */
  z.object({ type: z.literal("createTask"), dueInDays: z.number().int().min(0).max(90) }),
  /** Starts a follow-up plan from the template with this code (idempotent per patient and template). */
  z.object({ type: z.literal("startPlan"), templateCode: z.string().trim().min(1).max(60) }),
]);
export type TRuleAction = z.infer<typeof ZRuleAction>;

export const ZRuleFields = z.object({
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(300).nullish(),
  /** JSON-logic, as an object or as JSON text (the raw editor sends text; unparsable text is refused by name). */
  condition: z.union([z.string().max(20000), z.record(z.string(), z.unknown())]),
  actions: z.array(ZRuleAction).min(1).max(10),
  /** Lower numbers run first when several rules fire for the same patient. */
  priority: z.number().int().min(1).max(1000).default(100),
  enabled: z.boolean().default(false),
});
export type TRuleFields = z.input<typeof ZRuleFields>;
