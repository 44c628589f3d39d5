import { z } from "zod";
import { openCardForPatient, setCardStatus } from "@/server/modules/patient/patient.service";
import { ZCardInput, ZCardStatus } from "@/server/shared/dto/patient";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

export const cardRouter = createTRPCRouter({
  /** A further member card for an existing patient (e.g. after `patient.openCard` offered a duplicate). */
  open: tenantProcedure("patient.write")
    .input(z.object({ patientId: z.uuid(), card: ZCardInput }))
    .output(z.object({ cardId: z.uuid(), cardNumber: z.string() }))
    .mutation(({ ctx, input }) => openCardForPatient(ctx, input.patientId, input.card)),

  setStatus: tenantProcedure("patient.write")
    .input(z.object({ cardId: z.uuid(), status: ZCardStatus, reason: z.string().trim().min(1).max(200) }))
    .output(z.object({ cardId: z.uuid(), status: ZCardStatus }))
    .mutation(({ ctx, input }) => setCardStatus(ctx, input.cardId, input.status, input.reason)),
});
