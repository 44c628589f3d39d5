import { z } from "zod";
import { listJobFailures, resolveJobFailure } from "@/server/modules/messaging/messaging.service";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

const ZFailure = z.object({
  id: z.uuid(),
  functionId: z.string(),
  eventName: z.string(),
  payload: z.record(z.string(), z.unknown()),
  error: z.string(),
  attempts: z.number().int(),
  failedAt: z.date(),
  resolvedAt: z.date().nullable(),
  resolution: z.enum(["retried", "dismissed"]).nullable(),
});

/** The dead-letter list: background work that failed for good, for tenant admins to retry or dismiss. */
export const jobsRouter = createTRPCRouter({
  failures: tenantProcedure("jobs.manage")
    .input(z.object({ includeResolved: z.boolean().default(false) }).default({ includeResolved: false }))
    .output(z.array(ZFailure))
    .query(({ ctx, input }) => listJobFailures(ctx, input.includeResolved)),

  resolve: tenantProcedure("jobs.manage")
    .input(z.object({ failureId: z.uuid(), resolution: z.enum(["retried", "dismissed"]) }))
    .output(z.object({ id: z.uuid(), resolution: z.enum(["retried", "dismissed"]) }))
    .mutation(({ ctx, input }) => resolveJobFailure(ctx, input.failureId, input.resolution)),
});
