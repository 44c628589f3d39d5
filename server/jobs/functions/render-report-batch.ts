import { generateStoredReport } from "@/server/modules/report/report.service";
import { getDatabase } from "@/server/tenancy/database";
import { defineEventJob } from "../define";
import { systemTenantById } from "../system-tenant";

/**
 * Renders every queued report of a batch, one step per report (a retry resumes after the last
 * finished report instead of rendering them all again). PDFs are stored sealed in health_reports.
 */
export const renderReportBatch = defineEventJob({ id: "render-report-batch", event: "report/batch.requested", tenantConcurrency: 1, retries: 2 }, async ({ event, step }) => {
  const database = await getDatabase();
  const tenant = await systemTenantById(database, event.data.tenantId);
  if (!tenant || tenant.status !== "active") return { rendered: 0 };
  const queued = await step.run("list", async () =>
    (await tenant.db.selectFrom("health_reports").select(["id", "patient_id", "locale"]).where("batch_id", "=", event.data.batchId).where("status", "=", "queued").orderBy("id").execute()).map((r) => ({ id: r.id, patientId: r.patient_id, locale: r.locale })),
  );
  const row = await database.control.selectFrom("tenants").select(["name", "name_en"]).where("id", "=", tenant.id).executeTakeFirstOrThrow();
  const actor = { userId: null, role: "system", tenantId: tenant.id, requestId: `job:${event.id ?? "inline"}`, ip: null, userAgent: "carepath-job/render-report-batch" };
  for (const r of queued) {
    await step.run(`render-${r.id}`, async () => {
      const out = await generateStoredReport(database, { id: tenant.id, name: row.name, nameEn: row.name_en, timeZone: tenant.timeZone, db: tenant.db }, { patientId: r.patientId, locale: r.locale === "en" ? "en" : "zh-CN", batchId: event.data.batchId, reportId: r.id }, actor);
      return { reportId: out.reportId, pages: out.pages };
    });
  }
  return { rendered: queued.length };
});
