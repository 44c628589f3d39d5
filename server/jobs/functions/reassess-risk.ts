import { reassessTenant } from "@/server/modules/risk/risk-bulk";
import { getDatabase } from "@/server/tenancy/database";
import { defineEventJob } from "../define";
import { systemTenantById } from "../system-tenant";

/** Re-assesses the risk models of the patients named by the event (models whose inputs changed only). */
export const reassessRisk = defineEventJob({ id: "reassess-risk", event: "risk/assessment.requested", tenantConcurrency: 2 }, async ({ event, step }) =>
  step.run("reassess", async () => {
    const database = await getDatabase();
    const tenant = await systemTenantById(database, event.data.tenantId);
    if (!tenant || tenant.status !== "active") return { patients: 0, written: 0 };
    return reassessTenant(database, tenant, {
      trigger: "observations",
      patientIds: event.data.patientIds,
      actor: { userId: null, role: "system", tenantId: tenant.id, requestId: `job:${event.id ?? "inline"}`, ip: null, userAgent: "carepath-job/reassess-risk" },
    });
  }),
);
