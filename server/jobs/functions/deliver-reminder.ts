import type { MessageChannel } from "@/db/types/tenant";
import { finishReminder, planReminderDelivery, sendReminderOnChannel, type ChannelOutcome } from "@/server/modules/reminder/delivery.service";
import { getChannels } from "@/server/notify/config";
import { getDatabase } from "@/server/tenancy/database";
import { defineEventJob } from "../define";
import { systemTenantById, type SystemTenant } from "../system-tenant";

/** Deferrals (quiet hours, daily cap) per channel before giving up waiting — about two weeks of nights. */
const MAX_DEFERRALS = 14;

async function withTenant<T>(tenantId: string, work: (tenant: SystemTenant) => Promise<T>): Promise<T> {
  const tenant = await systemTenantById(await getDatabase(), tenantId);
  if (!tenant) throw new Error(`tenant ${tenantId} not found`);
  return work(tenant);
}

/**
 * Reminder delivery: wait until the send time, then per channel re-check and send (consent, quiet
 * hours, cap and cancellation are checked at that moment, not at creation); a deferral sleeps until the
 * allowed time and tries again. Cancelled while waiting by the reminder's cancellation, a withdrawal of
 * the consent for its purpose, or the patient's deactivation.
 */
export const deliverReminder = defineEventJob(
  {
    id: "reminder-deliver",
    event: "reminder/reminder.scheduled",
    retries: 5,
    tenantConcurrency: 10,
    cancelOn: [
      { event: "reminder/reminder.cancelled", if: "async.data.reminderId == event.data.reminderId" },
      { event: "patient/consent.withdrawn", if: "async.data.patientId == event.data.patientId && async.data.purpose == event.data.purpose" },
      { event: "patient/patient.deactivated", if: "async.data.patientId == event.data.patientId" },
    ],
  },
  async ({ event, step }) => {
    const { tenantId, reminderId } = event.data;
    const plan = await step.run("plan", () => withTenant(tenantId, (t) => planReminderDelivery(t, reminderId)));
    if (plan.state === "done") return { status: plan.reason };
    await step.sleepUntil("wait-until-due", new Date(plan.sendAt));
    const outcomes: Partial<Record<MessageChannel, ChannelOutcome>> = {};
    for (const channel of plan.channels) {
      for (let round = 0; ; round++) {
        const outcome = await step.run(`send-${channel}-${round}`, async () =>
          withTenant(tenantId, async (t) => sendReminderOnChannel(await getDatabase(), t, reminderId, channel, getChannels())),
        );
        outcomes[channel] = outcome;
        if (outcome.kind !== "deferred" || round >= MAX_DEFERRALS) break;
        await step.sleepUntil(`defer-${channel}-${round}`, new Date(outcome.until));
      }
    }
    const finished = await step.run("finish", () => withTenant(tenantId, (t) => finishReminder(t, reminderId)));
    return { status: finished.status, outcomes };
  },
);
