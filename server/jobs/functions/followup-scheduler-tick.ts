import { runSchedulerTick } from "@/server/modules/followup/plan-scheduler";
import { getDatabase } from "@/server/tenancy/database";
import { inngest } from "../client";
import { systemTenantById, systemTenants } from "../system-tenant";

/**
 * Hourly: every plan occurrence that falls within the worklist horizon becomes a task (the tick is
 * idempotent per plan occurrence). One step per active tenant.
 */
export const followupSchedulerTick = inngest.createFunction(
  { id: "followup-scheduler-tick", triggers: [{ cron: "0 * * * *" }], singleton: { mode: "skip" }, retries: 2 },
  async ({ step }) => {
    const tenants = await step.run("tenants", async () => (await systemTenants(await getDatabase())).filter((t) => t.status === "active").map((t) => t.id));
    let tasksCreated = 0;
    for (const id of tenants) {
      const r = await step.run(`tick-${id}`, async () => {
        const tenant = await systemTenantById(await getDatabase(), id);
        return tenant ? runSchedulerTick(tenant.db, new Date()) : { tasksCreated: 0, plansAdvanced: 0 };
      });
      tasksCreated += r.tasksCreated;
    }
    return { tenants: tenants.length, tasksCreated };
  },
);
