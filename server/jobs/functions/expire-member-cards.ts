import { expireDueCards } from "@/server/modules/patient/card-expiry.service";
import { getDatabase } from "@/server/tenancy/database";
import { inngest } from "../client";
import { systemTenants } from "../system-tenant";

/**
 * Plain function: every active tenant's cards past their validity become `expired` (one transaction per
 * batch and tenant, so one tenant's failure leaves the others done). Idempotent: a second run finds nothing.
 */
export async function expireMemberCardsPass(now = new Date()) {
  const database = await getDatabase();
  let tenants = 0;
  let expired = 0;
  for (const tenant of await systemTenants(database)) {
    if (tenant.status !== "active") continue;
    tenants += 1;
    for (;;) {
      const run = await expireDueCards(tenant.db, tenant, now);
      expired += run.expired;
      if (!run.more) break;
    }
  }
  return { tenants, expired };
}

/**
 * Hourly at five past: a card valid through yesterday expires within the first hour of the tenant's day,
 * whatever the tenant's time zone. Singleton: never two sweeps at once.
 */
export const expireMemberCards = inngest.createFunction(
  { id: "expire-member-cards", triggers: [{ cron: "5 * * * *" }], singleton: { mode: "skip" }, retries: 2 },
  async ({ step }) => step.run("expire", () => expireMemberCardsPass()),
);
