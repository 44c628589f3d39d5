import { z } from "zod";
import { getRecord, recordHistory, updateRecord } from "@/server/modules/record/record.service";
import { ZHealthRecord, ZRecordGetInput, ZRecordHistory, ZRecordUpdateInput } from "@/server/shared/dto/patient-record";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

export const recordRouter = createTRPCRouter({
  get: tenantProcedure("record.read")
    .input(ZRecordGetInput)
    .output(ZHealthRecord)
    .query(({ ctx, input }) => getRecord(ctx, input.patientId)),

  /** Saves a new version (optimistic: `expectedVersion` must be the current one, else CONFLICT). */
  update: tenantProcedure("record.write")
    .input(ZRecordUpdateInput)
    .output(z.object({ version: z.number().int(), changedFields: z.array(z.string()) }))
    .mutation(({ ctx, input }) => updateRecord(ctx, input)),

  history: tenantProcedure("record.read")
    .input(ZRecordGetInput)
    .output(ZRecordHistory)
    .query(({ ctx, input }) => recordHistory(ctx, input.patientId)),
});
