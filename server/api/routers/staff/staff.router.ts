import { z } from "zod";
import * as service from "@/server/modules/staff/staff.service";
import { createTRPCRouter, tenantProcedure } from "../../trpc";
import { ZAddStaffInput, ZAddStaffOutput, ZChangeRoleInput, ZSetStatusInput, ZStaffMember, ZStaffUserInput } from "./staff.schema";

const ok = z.object({ ok: z.literal(true) });

function staffCtx(ctx: Omit<service.StaffContext, "locale"> & { meta: { locale: "zh-CN" | "en" } }): service.StaffContext {
  return { db: ctx.db, tenant: ctx.tenant, actor: ctx.actor, user: ctx.user, locale: ctx.meta.locale };
}

export const staffRouter = createTRPCRouter({
  list: tenantProcedure("staff.read")
    .output(z.array(ZStaffMember))
    .query(({ ctx }) => service.listStaff(staffCtx(ctx))),

  add: tenantProcedure("staff.manage")
    .input(ZAddStaffInput)
    .output(ZAddStaffOutput)
    .mutation(({ ctx, input }) => service.addStaff(staffCtx(ctx), input)),

  changeRole: tenantProcedure("staff.manage")
    .input(ZChangeRoleInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await service.changeRole(staffCtx(ctx), input);
      return { ok: true as const };
    }),

  remove: tenantProcedure("staff.manage")
    .input(ZStaffUserInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await service.removeStaff(staffCtx(ctx), input);
      return { ok: true as const };
    }),

  setStatus: tenantProcedure("staff.manage")
    .input(ZSetStatusInput)
    .output(ok)
    .mutation(async ({ ctx, input }) => {
      await service.setStaffStatus(staffCtx(ctx), input);
      return { ok: true as const };
    }),
});
