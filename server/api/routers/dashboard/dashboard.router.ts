import * as service from "@/server/modules/dashboard/dashboard.service";
import { createTRPCRouter, selfProcedure, tenantProcedure } from "../../trpc";
import { ZActorNames, ZActorNamesInput, ZCount, ZMySecurity } from "./dashboard.schema";

/** Small read-only figures for the staff home page. No patient data. */
export const dashboardRouter = createTRPCRouter({
  /** Active staff accounts with an active membership in this tenant. */
  staffCount: tenantProcedure("staff.read")
    .output(ZCount)
    .query(async ({ ctx }) => ({ count: await service.staffCount(ctx) })),

  departmentCount: tenantProcedure("department.read")
    .output(ZCount)
    .query(async ({ ctx }) => ({ count: await service.departmentCount(ctx) })),

  /** The caller's own security status: MFA, last sign-in, open sessions. */
  mySecurity: selfProcedure.output(ZMySecurity).query(({ ctx }) => service.mySecurity(ctx.database, ctx.user.id)),

  /** Names for the actor ids of audit rows, limited to accounts that are or were members of this tenant. */
  auditActorNames: tenantProcedure("audit.read")
    .input(ZActorNamesInput)
    .output(ZActorNames)
    .query(({ ctx, input }) => service.actorNames(ctx, input.ids)),
});
