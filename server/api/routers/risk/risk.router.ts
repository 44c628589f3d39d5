import { z } from "zod";
import { calculateRisk, getRiskOverview } from "@/server/modules/risk/risk.service";
import { ZRiskCalculateInput, ZRiskModelId, ZRiskOverview, ZRiskPatientInput, ZRiskResult } from "@/server/shared/dto/risk";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

export const riskRouter = createTRPCRouter({
  /** Current assessments (re-assessed when inputs changed), inputs for the what-if panel, history. */
  overview: tenantProcedure("risk.read")
    .input(ZRiskPatientInput)
    .output(ZRiskOverview)
    .query(({ ctx, input }) => getRiskOverview(ctx, input.patientId)),

  /** One model on explicit inputs with units; nothing stored, no patient involved. */
  calculate: tenantProcedure("risk.read")
    .input(ZRiskCalculateInput)
    .output(z.object({ modelId: ZRiskModelId, version: z.string(), source: z.string(), result: ZRiskResult }))
    .query(({ input }) => calculateRisk(input)),
});
