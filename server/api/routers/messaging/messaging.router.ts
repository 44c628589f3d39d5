import { z } from "zod";
import { getMessagingSettings, listDevOutbox, updateMessagingSettings } from "@/server/modules/messaging/messaging.service";
import { ZMessagingSettings } from "@/server/shared/dto/reminder";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

export const messagingRouter = createTRPCRouter({
  settings: tenantProcedure("settings.manage")
    .output(ZMessagingSettings.extend({ providers: z.object({ sms: z.string().nullable(), email: z.string().nullable() }) }))
    .query(({ ctx }) => getMessagingSettings(ctx)),

  updateSettings: tenantProcedure("settings.manage")
    .input(ZMessagingSettings)
    .output(ZMessagingSettings)
    .mutation(({ ctx, input }) => updateMessagingSettings(ctx, input)),

  /** Development outbox: what would have been sent while no provider is configured. */
  devOutbox: tenantProcedure("messaging.read_outbox")
    .output(
      z.array(
        z.object({
          id: z.uuid(),
          channel: z.enum(["sms", "email"]),
          recipient: z.string(),
          patientId: z.uuid().nullable(),
          subject: z.string().nullable(),
          body: z.string().nullable(),
          createdAt: z.date(),
        }),
      ),
    )
    .query(({ ctx }) => listDevOutbox(ctx)),
});
