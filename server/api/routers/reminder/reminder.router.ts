import { z } from "zod";
import { cancelReminder, createReminder, listReminders } from "@/server/modules/reminder/reminder.service";
import { ZReminder, ZReminderCreateInput } from "@/server/shared/dto/reminder";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

export const reminderRouter = createTRPCRouter({
  list: tenantProcedure("reminder.read")
    .input(z.object({ patientId: z.uuid() }))
    .output(z.array(ZReminder))
    .query(({ ctx, input }) => listReminders(ctx, input.patientId)),

  /** Queues a reminder; `consentGranted` says whether it can go out as things stand (checked again at send time). */
  create: tenantProcedure("reminder.write")
    .input(ZReminderCreateInput)
    .output(z.object({ id: z.uuid(), consentGranted: z.boolean() }))
    .mutation(({ ctx, input }) =>
      createReminder(ctx, { ...input, subjectAt: input.subjectAt ?? null, note: input.note || null, link: input.link || null }),
    ),

  cancel: tenantProcedure("reminder.write")
    .input(z.object({ reminderId: z.uuid() }))
    .output(z.object({ id: z.uuid(), status: z.literal("cancelled") }))
    .mutation(({ ctx, input }) => cancelReminder(ctx, input.reminderId)),
});
