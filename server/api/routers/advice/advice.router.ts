import { z } from "zod";
import { currentAdvice, listAdviceTemplates, proposeAdvice, publishAdvice, saveAdviceDraft, saveAdviceTemplate } from "@/server/modules/advice/advice.service";
import { ZAdviceCurrent, ZAdvicePatientInput, ZAdviceProposal, ZAdviceProposeInput, ZAdvicePublishInput, ZAdviceTemplate, ZAdviceTemplateSave } from "@/server/shared/dto/advice";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

const ZId = z.object({ id: z.uuid() });

export const adviceRouter = createTRPCRouter({
  /** Templates that apply to the patient now (risk levels, tags, indicators, questionnaires), with reasons. */
  propose: tenantProcedure("advice.write").input(ZAdviceProposeInput).output(ZAdviceProposal).query(({ ctx, input }) => proposeAdvice(ctx, input.patientId, input.locale)),
  current: tenantProcedure("risk.read").input(ZAdvicePatientInput).output(ZAdviceCurrent).query(({ ctx, input }) => currentAdvice(ctx, input.patientId)),
  saveDraft: tenantProcedure("advice.write").input(ZAdvicePublishInput).output(ZId).mutation(({ ctx, input }) => saveAdviceDraft(ctx, input)),
  publish: tenantProcedure("advice.write").input(ZAdvicePublishInput).output(ZId).mutation(({ ctx, input }) => publishAdvice(ctx, input)),
  templates: createTRPCRouter({
    list: tenantProcedure("advice.write").output(z.array(ZAdviceTemplate)).query(({ ctx }) => listAdviceTemplates(ctx)),
    save: tenantProcedure("advice.manage").input(ZAdviceTemplateSave).output(ZAdviceTemplate).mutation(({ ctx, input }) => saveAdviceTemplate(ctx, input)),
  }),
});
