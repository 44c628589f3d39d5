import { sendTaskDigests } from "@/server/modules/followup/digest.service";
import { getChannels } from "@/server/notify/config";
import { getDatabase } from "@/server/tenancy/database";
import { inngest } from "../client";
import { systemTenantById, systemTenants } from "../system-tenant";

/**
 * Hourly: each tenant whose local digest hour has come mails its staff the digest of unfinished
 * tasks, once per person and local day (the digest row is the guard). One step per active tenant.
 */
export const sendTaskDigestsFn = inngest.createFunction(
  { id: "send-task-digests", triggers: [{ cron: "5 * * * *" }], singleton: { mode: "skip" }, retries: 2 },
  async ({ step }) => {
    const tenants = await step.run("tenants", async () => (await systemTenants(await getDatabase())).filter((t) => t.status === "active").map((t) => t.id));
    let sent = 0;
    for (const id of tenants) {
      const r = await step.run(`digest-${id}`, async () => {
        const database = await getDatabase();
        const tenant = await systemTenantById(database, id);
        return tenant ? sendTaskDigests(database, tenant, getChannels()) : { sent: 0, failed: 0, noChannel: 0, noAddress: 0 };
      });
      sent += r.sent;
    }
    return { tenants: tenants.length, sent };
  },
);
