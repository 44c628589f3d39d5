import { z } from "zod";
import { compareReports, indicatorsWithResults, patientTrends, reportsOf } from "@/server/modules/trends/trends.service";
import { ZCompare, ZCompareInput, ZPatientIndicator, ZPatientIndicatorsInput, ZPatientTrends, ZReportRef, ZTrendSeriesInput } from "@/server/shared/dto/trends";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

/** 历年指标趋势 on the patient page: series with warnings, the indicators a patient has, exam comparison. */
export const trendsRouter = createTRPCRouter({
  series: tenantProcedure("results.read")
    .input(ZTrendSeriesInput)
    .output(ZPatientTrends)
    .query(({ ctx, input }) => patientTrends(ctx, input)),

  indicators: tenantProcedure("results.read")
    .input(ZPatientIndicatorsInput)
    .output(z.array(ZPatientIndicator))
    .query(({ ctx, input }) => indicatorsWithResults(ctx, input.patientId)),

  reports: tenantProcedure("results.read")
    .input(ZPatientIndicatorsInput)
    .output(z.array(ZReportRef))
    .query(({ ctx, input }) => reportsOf(ctx, input.patientId)),

  compare: tenantProcedure("results.read")
    .input(ZCompareInput)
    .output(ZCompare)
    .query(({ ctx, input }) => compareReports(ctx, input)),
});
