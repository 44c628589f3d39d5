import { z } from "zod";
import { createForm, getForm, getFormVersion, listForms, publishForm, saveDraft } from "@/server/modules/forms/forms.service";
import { createLink, getResponse, patientResponses, saveResponse, startResponse } from "@/server/modules/forms/responses.service";
import { ZAnswers } from "@/server/shared/forms/answers";
import { ZFormDocument } from "@/server/shared/forms/document";
import { createTRPCRouter, tenantProcedure } from "../../trpc";
import { ZComputedScore, ZFormCreateInput, ZFormKind, ZFormListItem, ZFormSaveInput, ZLinkInput, ZResponseSummary, ZSaveAnswersInput } from "./forms.schema";

const ZId = z.object({ id: z.uuid() });

export const formsRouter = createTRPCRouter({
  list: tenantProcedure("forms.read")
    .input(z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }))
    .output(z.array(ZFormListItem))
    .query(({ ctx, input }) => listForms(ctx, input)),
  get: tenantProcedure("forms.read")
    .input(ZId)
    .output(
      z.object({
        id: z.uuid(),
        code: z.string(),
        kind: ZFormKind,
        builtin: z.boolean(),
        archived: z.boolean(),
        draft: ZFormDocument,
        currentVersion: z.number().int().nullable(),
        versions: z.array(z.object({ version: z.number().int(), publishedAt: z.date() })),
      }),
    )
    .query(({ ctx, input }) => getForm(ctx, input.id)),
  version: tenantProcedure("forms.read")
    .input(z.object({ id: z.uuid(), version: z.number().int().min(1) }))
    .output(z.object({ version: z.number().int(), publishedAt: z.date(), document: ZFormDocument }))
    .query(({ ctx, input }) => getFormVersion(ctx, input)),
  create: tenantProcedure("forms.manage").input(ZFormCreateInput).output(ZId).mutation(({ ctx, input }) => createForm(ctx, input)),
  saveDraft: tenantProcedure("forms.manage").input(ZFormSaveInput).output(ZId).mutation(({ ctx, input }) => saveDraft(ctx, input)),
  publish: tenantProcedure("forms.manage")
    .input(ZId)
    .output(z.object({ id: z.uuid(), version: z.number().int() }))
    .mutation(({ ctx, input }) => publishForm(ctx, input.id)),

  responses: tenantProcedure("forms.respond")
    .input(z.object({ patientId: z.uuid() }))
    .output(z.array(ZResponseSummary))
    .query(({ ctx, input }) => patientResponses(ctx, input.patientId)),
  response: tenantProcedure("forms.respond")
    .input(z.object({ responseId: z.uuid() }))
    .output(
      ZResponseSummary.omit({ title: true }).extend({
        patientId: z.uuid(),
        document: ZFormDocument,
        answers: ZAnswers,
      }),
    )
    .query(({ ctx, input }) => getResponse(ctx, input.responseId)),
  start: tenantProcedure("forms.respond")
    .input(z.object({ patientId: z.uuid(), definitionId: z.uuid() }))
    .output(z.object({ responseId: z.uuid() }))
    .mutation(({ ctx, input }) => startResponse(ctx, input)),
  saveAnswers: tenantProcedure("forms.respond")
    .input(ZSaveAnswersInput)
    .output(z.object({ status: z.enum(["in_progress", "completed"]), scores: z.array(ZComputedScore) }))
    .mutation(({ ctx, input }) => saveResponse(ctx, input)),
  createLink: tenantProcedure("forms.respond")
    .input(ZLinkInput)
    .output(z.object({ responseId: z.uuid(), token: z.string(), path: z.string(), expiresAt: z.date() }))
    .mutation(({ ctx, input }) => createLink(ctx, input)),
});
