import { z } from "zod";
import { manualIndicators, recordManualMeasurement } from "@/server/modules/measurement/measurement.service";
import { ZManualEntryInput, ZManualEntryResult, ZManualIndicator } from "@/server/shared/dto/measurement";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

/** Measurements entered by hand (BP at a visit …), through the same observation writer as imports. */
export const measurementRouter = createTRPCRouter({
  indicators: tenantProcedure("results.enter")
    .output(z.array(ZManualIndicator))
    .query(({ ctx }) => manualIndicators(ctx)),

  record: tenantProcedure("results.enter")
    .input(ZManualEntryInput)
    .output(ZManualEntryResult)
    .mutation(({ ctx, input }) => recordManualMeasurement(ctx, input)),
});
