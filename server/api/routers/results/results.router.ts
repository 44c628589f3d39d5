import { z } from "zod";
import { createIndicator, listCatalogue, updateRanges } from "@/server/modules/results/catalogue.service";
import { ZColumnMapping } from "@/server/modules/results/import/mapping";
import { discardQueueItem, listQueue, resolveQueueItem } from "@/server/modules/results/queue.service";
import { batchDetail, listBatches, listMappings, previewUpload, runUpload } from "@/server/modules/results/upload.service";
import { createTRPCRouter, tenantProcedure } from "../../trpc";
import { ZImportReport, ZIndicator, ZIndicatorInput, ZRange, ZUploadInput } from "./results.schema";

const ZParams = z.record(z.string(), z.union([z.string(), z.number()]));
const ZCounts = z.object({ rows: z.number(), imported: z.number(), queued: z.number(), unchanged: z.number(), rejected: z.number(), reports: z.number(), observations: z.number() });
// A keyset cursor only positions the page inside the caller's own tenant; it is not an object reference.
const ZPage = z.object({ limit: z.number().int().min(1).max(100).default(30), cursor: z.string().regex(/^[0-9a-f-]{36}$/).nullish() });

export const resultsRouter = createTRPCRouter({
  catalogue: tenantProcedure("results.read").output(z.array(ZIndicator)).query(({ ctx }) => listCatalogue(ctx)),
  createIndicator: tenantProcedure("results.catalogue").input(ZIndicatorInput).output(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => createIndicator(ctx, input)),
  updateRanges: tenantProcedure("results.catalogue")
    .input(z.object({ indicatorId: z.uuid(), ranges: z.array(ZRange).max(20) }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => updateRanges(ctx, input)),

  preview: tenantProcedure("results.import")
    .input(z.object({ format: z.enum(["csv", "xlsx"]), fileBase64: z.string().min(1).max(11_200_000) }))
    .output(z.object({ fileError: z.object({ reason: z.string(), params: ZParams }).nullable(), headers: z.array(z.string()), rows: z.array(z.array(z.string().nullable())), suggested: ZColumnMapping.nullable() }))
    .mutation(({ ctx, input }) => previewUpload(ctx, input)),
  upload: tenantProcedure("results.import").input(ZUploadInput).output(ZImportReport).mutation(({ ctx, input }) => runUpload(ctx, input)),
  mappings: tenantProcedure("results.import")
    .output(z.array(z.object({ id: z.uuid(), name: z.string(), layout: z.enum(["long", "wide"]), mapping: ZColumnMapping, updatedAt: z.date() })))
    .query(({ ctx }) => listMappings(ctx)),
  batches: tenantProcedure("results.import")
    .input(ZPage)
    .output(z.object({ items: z.array(z.object({ id: z.uuid(), source: z.string(), format: z.string(), channel: z.string(), status: z.enum(["committed", "rejected"]), counts: ZCounts, createdAt: z.date() })), nextCursor: z.uuid().nullable() }))
    .query(({ ctx, input }) => listBatches(ctx, input)),
  batch: tenantProcedure("results.import")
    .input(z.object({ batchId: z.uuid() }))
    .output(z.object({ id: z.uuid(), source: z.string(), format: z.string(), status: z.enum(["committed", "rejected"]), createdAt: z.date(), counts: ZCounts, rows: z.array(z.object({ rowNo: z.number(), outcome: z.string(), reason: z.string().nullable(), params: ZParams })) }))
    .query(({ ctx, input }) => batchDetail(ctx, input)),

  queue: tenantProcedure("results.import")
    .input(ZPage)
    .output(
      z.object({
        items: z.array(z.object({ id: z.uuid(), source: z.string(), externalId: z.string(), examDate: z.string(), observationCount: z.number(), nameMasked: z.string().nullable(), cardNo: z.string().nullable(), idNumberMasked: z.string().nullable(), mrn: z.string().nullable(), createdAt: z.date() })),
        nextCursor: z.uuid().nullable(),
      }),
    )
    .query(({ ctx, input }) => listQueue(ctx, input)),
  resolveQueueItem: tenantProcedure("results.import")
    .input(z.object({ itemId: z.uuid(), patientId: z.uuid(), rememberMrn: z.boolean().default(false) }))
    .output(z.object({ reportId: z.uuid(), patientId: z.uuid() }))
    .mutation(({ ctx, input }) => resolveQueueItem(ctx, input)),
  discardQueueItem: tenantProcedure("results.import")
    .input(z.object({ itemId: z.uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => discardQueueItem(ctx, input)),
});
