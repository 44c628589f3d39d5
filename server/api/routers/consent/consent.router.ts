import { z } from "zod";
import { consentOverview, recordConsent } from "@/server/modules/consent/consent.service";
import { ZConsentOverview, ZConsentRecordInput } from "@/server/shared/dto/reminder";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

export const consentRouter = createTRPCRouter({
  /** Current consent per purpose and the full history (never overwritten). */
  get: tenantProcedure("consent.read")
    .input(z.object({ patientId: z.uuid() }))
    .output(ZConsentOverview)
    .query(async ({ ctx, input }) => {
      const o = await consentOverview(ctx, input.patientId);
      return {
        current: o.current,
        history: o.history.map((h) => ({ id: h.id, purpose: h.purpose, action: h.action, source: h.source, channel: h.channel, recordedBy: h.recorded_by, recordedAt: h.recorded_at })),
      };
    }),

  /** Grant or withdraw; a withdrawal cancels queued reminders of that purpose at once. */
  record: tenantProcedure("consent.write")
    .input(ZConsentRecordInput)
    .output(z.object({ consentId: z.uuid(), cancelledReminders: z.number().int() }))
    .mutation(({ ctx, input }) => recordConsent(ctx, input)),
});
