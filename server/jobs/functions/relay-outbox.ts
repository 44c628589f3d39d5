import { getDatabase } from "@/server/tenancy/database";
import { inngest } from "../client";
import { inngestDeliverer } from "../inngest-deliverer";
import { pruneSentEvents, relayAllTenants } from "../relay";
import { systemTenants } from "../system-tenant";

/** Plain function: one relay pass over every tenant, then prune delivered rows older than a week. */
export async function relayOutboxPass() {
  const database = await getDatabase();
  const report = await relayAllTenants(database, inngestDeliverer());
  let pruned = 0;
  for (const tenant of await systemTenants(database)) pruned += await pruneSentEvents(tenant);
  return { ...report, pruned };
}

/**
 * Backstop for deployments without a long-running server process (the in-process timer in
 * server/jobs/relay-loop.ts is the main path): Inngest calls this every minute. Singleton: never two
 * passes at once.
 */
export const relayOutbox = inngest.createFunction(
  { id: "outbox-relay", triggers: [{ cron: "* * * * *" }], singleton: { mode: "skip" }, retries: 0 },
  async ({ step }) => step.run("relay", relayOutboxPass),
);
