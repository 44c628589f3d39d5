import { escalateOverdueTasks } from "@/server/modules/followup/escalation.service";
import { getDatabase } from "@/server/tenancy/database";
import { inngest } from "../client";
import { systemTenantById, systemTenants } from "../system-tenant";

/**
 * Every fifteen minutes: follow-up tasks overdue longer than each tenant's configured delay go to the
 * department lead. One step per active tenant (a failing tenant is retried alone); idempotent.
 */
export const escalateFollowupTasks = inngest.createFunction(
  { id: "escalate-followup-tasks", triggers: [{ cron: "*/15 * * * *" }], singleton: { mode: "skip" }, retries: 2 },
  async ({ step }) => {
    const tenants = await step.run("tenants", async () => (await systemTenants(await getDatabase())).filter((t) => t.status === "active").map((t) => t.id));
    let escalated = 0;
    for (const id of tenants) {
      const r = await step.run(`escalate-${id}`, async () => {
        const tenant = await systemTenantById(await getDatabase(), id);
        return tenant ? escalateOverdueTasks(tenant.db, tenant.id) : { escalated: 0, toLead: 0 };
      });
      escalated += r.escalated;
    }
    return { tenants: tenants.length, escalated };
  },
);
