import { z } from "zod";
import { RISK_MODEL_IDS } from "@/server/modules/risk/models/types";

const ZParams = z.record(z.string(), z.union([z.string(), z.number()]));
export const ZRiskResult = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("assessed"),
    score: z.number(),
    scoreUnit: z.string(),
    level: z.string(),
    severity: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
    factors: z.array(z.object({ key: z.string(), weight: z.number(), params: ZParams.optional() })),
    explanation: z.array(z.object({ key: z.string(), params: ZParams.optional() })),
    recommendations: z.array(z.string()),
  }),
  z.object({ status: z.literal("not_assessable"), missing: z.array(z.string()) }),
  z.object({ status: z.literal("out_of_population"), reason: z.string(), params: ZParams }),
]);

export const ZRiskModelId = z.enum(RISK_MODEL_IDS);

const ZProvenance = z.object({ value: z.number(), unit: z.string(), observedAt: z.string().nullable(), source: z.enum(["observation", "record", "patient", "derived"]) });

export const ZRiskOverview = z.object({
  patientId: z.uuid(),
  /** Current model inputs: the what-if panel recomputes from these with the same pure models. */
  inputs: z.record(z.string(), z.union([z.number(), z.boolean(), z.string()])),
  provenance: z.record(z.string(), ZProvenance),
  unitMismatches: z.array(z.object({ input: z.string(), unit: z.string() })),
  current: z.array(z.object({ modelId: ZRiskModelId, version: z.string(), source: z.string(), assessedAt: z.date(), result: ZRiskResult })),
  history: z.array(z.object({ modelId: ZRiskModelId, version: z.string(), assessedAt: z.date(), status: z.string(), score: z.number().nullable(), level: z.string().nullable(), severity: z.number().nullable() })),
});
export type TRiskOverview = z.infer<typeof ZRiskOverview>;

export const ZRiskPatientInput = z.object({ patientId: z.uuid() });

/** Explicit inputs with their units, for the calculator (`risk.calculate`). */
const measured = <U extends [string, ...string[]]>(units: U, min: number, max: number) => z.object({ value: z.number().min(min, { error: "errors.riskValueOutOfRange" }).max(max, { error: "errors.riskValueOutOfRange" }), unit: z.string() }).refine((v) => (units as string[]).includes(v.unit), { error: "errors.riskUnitMismatch", path: ["unit"] });
export const ZRiskCalculateInput = z.object({
  modelId: ZRiskModelId,
  sex: z.enum(["male", "female"]).optional(),
  ageYears: z.number().int().min(0).max(120).optional(),
  sbp: measured(["mmHg"], 50, 300).optional(),
  dbp: measured(["mmHg"], 20, 200).optional(),
  bmi: measured(["kg/m2", "kg/m²"], 10, 80).optional(),
  waist: measured(["cm"], 30, 250).optional(),
  tc: measured(["mmol/L", "mg/dL"], 0.5, 800).optional(),
  hdl: measured(["mmol/L", "mg/dL"], 0.1, 300).optional(),
  tg: measured(["mmol/L", "mg/dL"], 0.1, 3000).optional(),
  fpg: measured(["mmol/L", "mg/dL"], 0.5, 1000).optional(),
  creatinine: measured(["umol/L", "μmol/L", "mg/dL"], 5, 3000).optional(),
  currentSmoker: z.boolean().optional(),
  onAntihypertensive: z.boolean().optional(),
  diabetes: z.boolean().optional(),
  familyHistoryDiabetes: z.boolean().optional(),
});
export type TRiskCalculateInput = z.infer<typeof ZRiskCalculateInput>;
