import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import type { TenantDb } from "@/db/tenant";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { sealFieldOrNull } from "@/server/crypto/field-crypto";
import { getTenantKeyring } from "@/server/crypto/tenant-keys";
import { inPatientTransaction, loadPatientInScope, patientKey, type PatientContext } from "@/server/modules/patient/patient-context";
import { tenantTimeZone } from "@/server/modules/plan/plan.service";
import type { ReportData } from "@/server/pdf/templates/health-report/report-data";
import { buildReportData, type ReportLocale } from "./report-data.service";

export type PdfRenderer = (data: ReportData) => Promise<Buffer>;

/** Renders off the request thread (worker pool); the CLI and tests may pass the in-thread renderer. */
async function defaultRenderer(): Promise<PdfRenderer> {
  return (await import("@/server/pdf/render-pool")).renderInWorker;
}

function pageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/**
 * 打印健康报告 for one patient in the caller's scope: data gathered and the generation audited in one
 * transaction, rendered after it commits (rendering holds no database connection), recorded in
 * `health_reports` with page count and size. Returns the PDF and a file name without identifiers.
 */
export async function generateReport(ctx: PatientContext, input: { patientId: string; locale: ReportLocale; conclusion?: string | null }, render?: PdfRenderer) {
  const tenant = ctx.tenant as PatientContext["tenant"] & { name?: string; nameEn?: string | null };
  const ring = await getTenantKeyring(ctx.database.control, ctx.tenant.id);
  const id = uuidv7();
  const data = await inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, input.patientId, "report.generate");
    const d = await buildReportData(trx, { tenant: { id: ctx.tenant.id, name: tenant.name ?? ctx.tenant.slug, nameEn: tenant.nameEn ?? null, timeZone: tenantTimeZone(ctx) }, ring, actor: ctx.actor }, p, input.locale, input.conclusion ?? null);
    const key = patientKey(ring, p.id, p.key_sealed);
    await trx
      .insertInto("health_reports")
      .values({ id, patient_id: p.id, status: "queued", locale: input.locale, conclusion_sealed: key ? sealFieldOrNull(key, input.conclusion?.trim() || null, { tenantId: ctx.tenant.id, table: "health_reports", column: "conclusion", rowId: id }) : null, requested_by: ctx.actor.userId })
      .execute();
    await recordAudit(trx, ctx.actor, { action: "report.generate", resourceType: "health_report", resourceId: id, patientId: p.id, purpose: "care", details: { locale: input.locale } });
    return d;
  });
  const pdf = await finishRender(ctx.db, id, data, render ?? (await defaultRenderer()));
  return { reportId: id, fileName: `health-report-${id.slice(-12)}.pdf`, pdf };
}

async function finishRender(db: TenantDb, id: string, data: ReportData, render: PdfRenderer): Promise<Buffer> {
  try {
    const pdf = await render(data);
    await db.updateTable("health_reports").set({ status: "done", pages: pageCount(pdf), bytes: pdf.byteLength, finished_at: new Date() }).where("id", "=", id).execute();
    return pdf;
  } catch (error) {
    await db.updateTable("health_reports").set({ status: "failed", finished_at: new Date() }).where("id", "=", id).execute();
    throw error;
  }
}

/**
 * Batch generation without a signed-in caller (background job, CLI): each patient's report is built,
 * audited under `actor`, rendered and stored sealed with the patient's key in `health_reports`.
 */
export async function generateStoredReport(
  database: DatabaseHandle,
  tenant: { id: string; name: string; nameEn: string | null; timeZone: string; db: TenantDb },
  input: { patientId: string; locale: ReportLocale; batchId: string | null; reportId?: string },
  actor: AuditActor,
  render?: PdfRenderer,
): Promise<{ reportId: string; pdf: Buffer; pages: number }> {
  const ring = await getTenantKeyring(database.control, tenant.id);
  const id = input.reportId ?? uuidv7();
  const { data, key } = await tenant.db.transaction().execute(async (trx) => {
    const p = await trx.selectFrom("patients").selectAll().where("id", "=", input.patientId).executeTakeFirstOrThrow();
    const d = await buildReportData(trx, { tenant, ring, actor }, p, input.locale, null);
    const existing = await trx.selectFrom("health_reports").select("id").where("id", "=", id).executeTakeFirst();
    if (!existing) await trx.insertInto("health_reports").values({ id, patient_id: p.id, batch_id: input.batchId, status: "queued", locale: input.locale, requested_by: actor.userId }).execute();
    await recordAudit(trx, actor, { action: "report.generate", resourceType: "health_report", resourceId: id, patientId: p.id, purpose: "care", details: { locale: input.locale, batchId: input.batchId } });
    return { data: d, key: patientKey(ring, p.id, p.key_sealed) };
  });
  const pdf = await finishRender(tenant.db, id, data, render ?? (await defaultRenderer()));
  if (key) await tenant.db.updateTable("health_reports").set({ pdf_sealed: sealFieldOrNull(key, pdf.toString("base64"), { tenantId: tenant.id, table: "health_reports", column: "pdf", rowId: id }) }).where("id", "=", id).execute();
  return { reportId: id, pdf, pages: pageCount(pdf) };
}
