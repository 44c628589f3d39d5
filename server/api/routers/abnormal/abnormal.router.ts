import { z } from "zod";
import { closeAbnormalItem, getAbnormalItem, listAbnormalItems, patientAbnormalItems } from "@/server/modules/abnormal/abnormal.service";
import {
  ZAbnormalCloseInput,
  ZAbnormalItemDetail,
  ZAbnormalItemInput,
  ZAbnormalItemSummary,
  ZAbnormalList,
  ZAbnormalListInput,
  ZPatientAbnormalInput,
} from "@/server/shared/dto/abnormal";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

/** 重要异常结果: the worklist, one item, a patient's open items, recording the outcome. */
export const abnormalRouter = createTRPCRouter({
  list: tenantProcedure("abnormal.read")
    .input(ZAbnormalListInput)
    .output(ZAbnormalList)
    .query(({ ctx, input }) => listAbnormalItems(ctx, input)),

  byId: tenantProcedure("abnormal.read")
    .input(ZAbnormalItemInput)
    .output(ZAbnormalItemDetail)
    .query(({ ctx, input }) => getAbnormalItem(ctx, input.itemId)),

  forPatient: tenantProcedure("abnormal.read")
    .input(ZPatientAbnormalInput)
    .output(z.array(ZAbnormalItemSummary))
    .query(({ ctx, input }) => patientAbnormalItems(ctx, input.patientId)),

  close: tenantProcedure("abnormal.resolve")
    .input(ZAbnormalCloseInput)
    .output(z.object({ id: z.uuid(), status: z.literal("closed") }))
    .mutation(({ ctx, input }) => closeAbnormalItem(ctx, input)),
});
