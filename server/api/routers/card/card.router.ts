import { z } from "zod";
import { changeCardStatus, openCardForPatient, renewCard } from "@/server/modules/patient/card.service";
import { ZCardInput, ZCardStatus, ZCardStatusChange, ZCardRenewal } from "@/server/shared/dto/patient";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

/** Member card life cycle: open another card, freeze / unfreeze / cancel with a reason, renew. */
export const cardRouter = createTRPCRouter({
  /** A further member card for an existing patient (e.g. after `patient.openCard` offered a duplicate). */
  open: tenantProcedure("patient.write")
    .input(z.object({ patientId: z.uuid(), card: ZCardInput }))
    .output(z.object({ cardId: z.uuid(), cardNumber: z.string(), status: ZCardStatus }))
    .mutation(({ ctx, input }) => openCardForPatient(ctx, input.patientId, input.card)),

  /** Freeze, unfreeze or cancel (final); a change the card's state does not allow is refused and audited. */
  changeStatus: tenantProcedure("patient.write")
    .input(ZCardStatusChange)
    .output(z.object({ cardId: z.uuid(), status: ZCardStatus }))
    .mutation(({ ctx, input }) => changeCardStatus(ctx, input)),

  /** Extend validity to a later end date; an expired card becomes active again. */
  renew: tenantProcedure("patient.write")
    .input(ZCardRenewal)
    .output(z.object({ cardId: z.uuid(), status: ZCardStatus, validTo: z.string() }))
    .mutation(({ ctx, input }) => renewCard(ctx, input)),
});
