import { z } from "zod";
import { generateSummaryForPatient, listSummaries, publishSummary, updateSummaryNarrative } from "@/server/modules/summary/stage-summary.service";
import { ZSummary, ZSummaryGenerateInput, ZSummaryIdInput, ZSummaryUpdateInput } from "@/server/shared/dto/summary";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

const ZOk = z.object({ ok: z.literal(true) });

export const summaryRouter = createTRPCRouter({
  list: tenantProcedure("risk.read").input(z.object({ patientId: z.uuid() })).output(z.array(ZSummary)).query(({ ctx, input }) => listSummaries(ctx, input.patientId)),
  /** Draft for a period (refreshes the facts of an existing draft, keeps its text). */
  generate: tenantProcedure("summary.write")
    .input(ZSummaryGenerateInput)
    .output(z.object({ id: z.uuid(), outcome: z.enum(["created", "refreshed", "already_published"]) }))
    .mutation(({ ctx, input }) => generateSummaryForPatient(ctx, input)),
  update: tenantProcedure("summary.write").input(ZSummaryUpdateInput).output(ZOk).mutation(({ ctx, input }) => updateSummaryNarrative(ctx, input)),
  publish: tenantProcedure("summary.write").input(ZSummaryIdInput).output(ZOk).mutation(({ ctx, input }) => publishSummary(ctx, input)),
});
