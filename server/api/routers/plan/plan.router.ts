import { z } from "zod";
import { createPlan, listPlans, setPlanStatus } from "@/server/modules/plan/plan.service";
import { ZPlan, ZPlanCreateInput, ZPlanStatusInput } from "@/server/shared/dto/plan";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

export const planRouter = createTRPCRouter({
  /** Plans with each goal's progress and on/off-track status from the latest measurements. */
  list: tenantProcedure("risk.read").input(z.object({ patientId: z.uuid() })).output(z.array(ZPlan)).query(({ ctx, input }) => listPlans(ctx, input.patientId)),
  create: tenantProcedure("plan.write").input(ZPlanCreateInput).output(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => createPlan(ctx, input)),
  setStatus: tenantProcedure("plan.write").input(ZPlanStatusInput).output(z.object({ ok: z.literal(true) })).mutation(({ ctx, input }) => setPlanStatus(ctx, input)),
});
