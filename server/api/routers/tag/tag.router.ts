import { z } from "zod";
import { assignTag, createTag, listTags, tagCatalogue, tagHistory, unassignTag, updateTag } from "@/server/modules/tag/tag.service";
import { ZTagChip } from "@/server/shared/dto/patient";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

const ZTagFields = z.object({
  name: z.string().trim().min(1).max(40),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: "errors.colourInvalid" }),
  category: z.string().trim().min(1).max(40).nullish(),
  sensitive: z.boolean().default(false),
});
const ZChange = z.object({ changed: z.boolean() });
const ZAssign = z.object({ patientId: z.uuid(), tagId: z.uuid(), reason: z.string().trim().min(1).max(200).optional() });

export const tagRouter = createTRPCRouter({
  list: tenantProcedure("patient.read").output(z.array(ZTagChip)).query(({ ctx }) => listTags(ctx)),
  /** Settings: every tag including sensitive ones (names only, never which patients carry them). */
  catalogue: tenantProcedure("tag.manage").output(z.array(ZTagChip)).query(({ ctx }) => tagCatalogue(ctx)),
  create: tenantProcedure("tag.manage").input(ZTagFields).output(ZTagChip).mutation(({ ctx, input }) => createTag(ctx, input)),
  update: tenantProcedure("tag.manage")
    .input(ZTagFields.extend({ id: z.uuid() }))
    .output(ZTagChip)
    .mutation(({ ctx, input }) => updateTag(ctx, input)),
  assign: tenantProcedure("patient.write").input(ZAssign).output(ZChange).mutation(({ ctx, input }) => assignTag(ctx, input)),
  unassign: tenantProcedure("patient.write").input(ZAssign).output(ZChange).mutation(({ ctx, input }) => unassignTag(ctx, input)),
  history: tenantProcedure("patient.read")
    .input(z.object({ patientId: z.uuid() }))
    .output(
      z.array(
        z.object({
          id: z.uuid(),
          action: z.enum(["add", "remove"]),
          source: z.enum(["manual", "rule"]),
          ruleId: z.uuid().nullable(),
          reason: z.string().nullable(),
          tag: z.object({ id: z.uuid(), name: z.string(), colour: z.string() }),
          actor: z.object({ id: z.uuid(), name: z.string() }).nullable(),
          occurredAt: z.date(),
        }),
      ),
    )
    .query(({ ctx, input }) => tagHistory(ctx, input.patientId)),
});
