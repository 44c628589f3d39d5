import { escalateOverdueItems } from "@/server/modules/abnormal/abnormal-escalation.service";
import { getDatabase } from "@/server/tenancy/database";
import { inngest } from "../client";
import { systemTenants } from "../system-tenant";

/**
 * Plain function: escalate every overdue 重要异常结果 item of every active tenant (one transaction per
 * tenant, so one tenant's failure leaves the others escalated). Idempotent: escalated items are never
 * picked again, so a retried or doubled run changes nothing.
 */
export async function escalateAbnormalResultsPass(now = new Date()) {
  const database = await getDatabase();
  let tenants = 0;
  let escalated = 0;
  for (const tenant of await systemTenants(database)) {
    if (tenant.status !== "active") continue;
    tenants += 1;
    escalated += (await escalateOverdueItems(tenant.db, tenant.id, now)).escalated;
  }
  return { tenants, escalated };
}

/**
 * Every five minutes: class-A items fall due at local midnight, so a lead hears of an overdue one
 * within minutes. Singleton: never two sweeps at once.
 */
export const escalateAbnormalResults = inngest.createFunction(
  { id: "escalate-abnormal-results", triggers: [{ cron: "*/5 * * * *" }], singleton: { mode: "skip" }, retries: 2 },
  async ({ step }) => step.run("escalate", () => escalateAbnormalResultsPass()),
);
