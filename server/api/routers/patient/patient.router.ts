import { z } from "zod";
import { openCard } from "@/server/modules/patient/patient.service";
import { getPatientHeader, getTimeline, linkFamily, listPatients, revealField, unlinkFamily } from "@/server/modules/patient/patient-read.service";
import {
  ZLinkFamilyInput,
  ZOpenCardInput,
  ZOpenCardOutput,
  ZPatientById,
  ZPatientHeader,
  ZPatientListInput,
  ZPatientListOutput,
  ZRevealInput,
  ZRevealOutput,
  ZTimelineInput,
  ZTimelineOutput,
  ZUnlinkFamilyInput,
} from "@/server/shared/dto/patient";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

const ZOk = z.object({ ok: z.literal(true) });

export const patientRouter = createTRPCRouter({
  /** 客户开卡: new patient + member card + panel assignment + onboarding tasks, or the duplicates found. */
  openCard: tenantProcedure("patient.write")
    .input(ZOpenCardInput)
    .output(ZOpenCardOutput)
    .mutation(({ ctx, input }) => openCard(ctx, input)),

  /** List and type-ahead search within the caller's scope; keyset pagination via `nextCursor`. */
  list: tenantProcedure("patient.read")
    .input(ZPatientListInput)
    .output(ZPatientListOutput)
    .query(({ ctx, input }) => listPatients(ctx, input)),

  /** Patient 360 header (masked identity, cards, tags, family, manager, allowed quick actions). */
  byId: tenantProcedure("patient.read")
    .input(ZPatientById)
    .output(ZPatientHeader)
    .query(({ ctx, input }) => getPatientHeader(ctx, input.patientId)),

  timeline: tenantProcedure("patient.read")
    .input(ZTimelineInput)
    .output(ZTimelineOutput)
    .query(({ ctx, input }) => getTimeline(ctx, input)),

  /** Reveals one clear value, audited with the purpose given. */
  reveal: tenantProcedure("patient.unmask")
    .input(ZRevealInput)
    .output(ZRevealOutput)
    .mutation(({ ctx, input }) => revealField(ctx, input)),

  linkFamily: tenantProcedure("patient.write")
    .input(ZLinkFamilyInput)
    .output(ZOk)
    .mutation(({ ctx, input }) => linkFamily(ctx, input)),

  unlinkFamily: tenantProcedure("patient.write")
    .input(ZUnlinkFamilyInput)
    .output(ZOk)
    .mutation(({ ctx, input }) => unlinkFamily(ctx, input)),
});
