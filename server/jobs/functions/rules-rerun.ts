import { processRerunBatch } from "@/server/modules/rules/rule-rerun";
import { getDatabase } from "@/server/tenancy/database";
import { defineEventJob } from "../define";
import { systemTenantById } from "../system-tenant";

/**
 * Re-runs every enabled rule on every patient of a tenant, one step per batch of 1000 patients. Each
 * step commits its batch and the progress row together; a retried step re-reads the cursor, so nothing
 * is evaluated twice and progress is never double-counted. One run per tenant at a time.
 */
export const rulesRerun = defineEventJob({ id: "rules-rerun", event: "rules/rerun.requested", retries: 4, tenantConcurrency: 1 }, async ({ event, step, runId }) => {
  const tenant = await systemTenantById(await getDatabase(), event.data.tenantId);
  if (!tenant) return { skipped: "tenant-gone" };
  const runner = { tenantId: tenant.id, actorBase: { role: "system", tenantId: tenant.id, requestId: runId, ip: null, userAgent: "rules-rerun" } };
  for (let batch = 0; ; batch += 1) {
    const result = await step.run(`batch-${batch}`, () => processRerunBatch(tenant.db, runner, event.data.runId));
    if (result.done) return { runId: event.data.runId, processed: result.processed, changed: result.changed };
  }
});
