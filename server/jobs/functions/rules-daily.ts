import { recordAudit } from "@/server/audit/record";
import { loadEnabledRules } from "@/server/modules/rules/rule-engine";
import { readsCalendarFacts, requestRerunFor } from "@/server/modules/rules/rule-rerun";
import { getDatabase } from "@/server/tenancy/database";
import { inngest } from "../client";
import { systemTenants } from "../system-tenant";

/**
 * Plain function: queues a bulk re-run in every active tenant that has an enabled rule reading a calendar
 * fact (age, days since last contact, days since an indicator's value), because no change event ever
 * fires for those. One transaction per tenant (run row, outbox event and audit together); a tenant with a
 * run already queued or running keeps it.
 */
export async function requestDailyRuleReruns(): Promise<{ tenants: number; requested: number }> {
  const database = await getDatabase();
  let tenants = 0;
  let requested = 0;
  for (const tenant of await systemTenants(database)) {
    if (tenant.status !== "active") continue;
    tenants += 1;
    const queued = await tenant.db.transaction().execute(async (trx) => {
      if (!(await loadEnabledRules(trx)).some((r) => readsCalendarFacts(r.condition))) return false;
      const runId = await requestRerunFor(trx, tenant.id, null);
      await recordAudit(trx, { userId: null, role: "system", tenantId: tenant.id, requestId: "job:rules-daily", ip: null, userAgent: "carepath-job/rules-daily" }, { action: "rule.rerun", resourceType: "rule_run", resourceId: runId, details: { trigger: "daily" } });
      return true;
    });
    if (queued) requested += 1;
  }
  return { tenants, requested };
}

/** Daily at 19:00 UTC (03:00 in China): calendar facts move at midnight. Singleton: never two at once. */
export const rulesDaily = inngest.createFunction(
  { id: "rules-daily", triggers: [{ cron: "0 19 * * *" }], singleton: { mode: "skip" }, retries: 2 },
  async ({ step }) => step.run("request", () => requestDailyRuleReruns()),
);
