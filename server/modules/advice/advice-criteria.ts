import { z } from "zod";
import { RISK_MODEL_IDS, type RiskInputs, type RiskModelId } from "@/server/modules/risk/models/types";

/**
 * When an advice template applies. A template matches when ANY of its listed conditions holds
 * (risk level of a model, a tag on the patient, an indicator beyond a threshold, a questionnaire
 * score in a range); `always` templates are general advice proposed to everyone.
 */
export const ZAdviceCriteria = z.object({
  always: z.boolean().optional(),
  risk: z.array(z.object({ model: z.enum(RISK_MODEL_IDS), levels: z.array(z.string().min(1)).min(1) })).max(20).optional(),
  tags: z.array(z.uuid()).max(20).optional(),
  indicators: z.array(z.object({ input: z.enum(["sbpMmHg", "dbpMmHg", "bmi", "waistCm", "tcMmolL", "ldlMmolL", "hdlMmolL", "tgMmolL", "fpgMmolL", "hba1cPercent", "creatinineUmolL"]), op: z.enum(["ge", "lt"]), value: z.number() })).max(20).optional(),
  questionnaires: z.array(z.object({ instrument: z.enum(["PHQ-9", "GAD-7"]), min: z.number().int().min(0), max: z.number().int().min(0).optional() })).max(10).optional(),
  /** Health-record facts: e.g. a current smoker. */
  record: z.array(z.enum(["currentSmoker", "diabetes", "hypertensionDiagnosed"])).max(5).optional(),
});
export type TAdviceCriteria = z.infer<typeof ZAdviceCriteria>;

export interface AdviceFacts {
  riskLevels: Map<RiskModelId, string>;
  tagIds: Set<string>;
  inputs: RiskInputs;
  questionnaireScores: Map<string, number>;
}

/** The reasons (localisation keys with params) a template applies; empty when it does not. */
export function matchReasons(criteria: TAdviceCriteria, facts: AdviceFacts): { key: string; params: Record<string, string | number> }[] {
  const reasons: { key: string; params: Record<string, string | number> }[] = [];
  if (criteria.always) reasons.push({ key: "always", params: {} });
  for (const r of criteria.risk ?? []) {
    const level = facts.riskLevels.get(r.model);
    if (level && r.levels.includes(level)) reasons.push({ key: "risk", params: { model: r.model, level } });
  }
  for (const t of criteria.tags ?? []) if (facts.tagIds.has(t)) reasons.push({ key: "tag", params: { tagId: t } });
  for (const i of criteria.indicators ?? []) {
    const v = facts.inputs[i.input];
    if (typeof v === "number" && (i.op === "ge" ? v >= i.value : v < i.value)) reasons.push({ key: "indicator", params: { input: i.input, value: v } });
  }
  for (const f of criteria.record ?? []) if (facts.inputs[f] === true) reasons.push({ key: "record", params: { fact: f } });
  for (const q of criteria.questionnaires ?? []) {
    const score = facts.questionnaireScores.get(q.instrument);
    if (score !== undefined && score >= q.min && (q.max === undefined || score <= q.max)) reasons.push({ key: "questionnaire", params: { instrument: q.instrument, score } });
  }
  return reasons;
}
