import { z } from "zod";
import { batchStatus, MAX_BATCH, requestReportBatch } from "@/server/modules/report/report-batch.service";
import { generateReport } from "@/server/modules/report/report.service";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

const ZLocale = z.enum(["zh-CN", "en"]);

export const reportRouter = createTRPCRouter({
  /** Renders the patient's health report now (off the request thread); audited. PDF as base64. */
  generate: tenantProcedure("report.generate")
    .input(z.object({ patientId: z.uuid(), locale: ZLocale, conclusion: z.string().trim().max(4000).nullish() }))
    .output(z.object({ reportId: z.uuid(), fileName: z.string(), pdfBase64: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const r = await generateReport(ctx, input);
      return { reportId: r.reportId, fileName: r.fileName, pdfBase64: r.pdf.toString("base64") };
    }),

  /** Queues reports for a list of patients; a background job renders and stores them. */
  batch: tenantProcedure("report.generate")
    .input(z.object({ patientIds: z.array(z.uuid()).min(1).max(MAX_BATCH, { error: "errors.reportTooManyPatients" }), locale: ZLocale }))
    .output(z.object({ batchId: z.uuid(), queued: z.number().int() }))
    .mutation(({ ctx, input }) => requestReportBatch(ctx, input)),

  batchStatus: tenantProcedure("report.generate")
    .input(z.object({ batchId: z.uuid() }))
    .output(z.object({ total: z.number().int(), done: z.number().int(), failed: z.number().int(), queued: z.number().int() }))
    .query(({ ctx, input }) => batchStatus(ctx, input.batchId)),
});
