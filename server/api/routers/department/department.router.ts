import { z } from "zod";
import * as service from "@/server/modules/department/department.service";
import { createTRPCRouter, tenantProcedure } from "../../trpc";
import {
  toDepartmentDto,
  ZCreateDepartmentInput,
  ZDepartment,
  ZDepartmentByIdInput,
  ZRenameDepartmentInput,
  ZSetDepartmentLeadInput,
} from "./department.schema";

export const departmentRouter = createTRPCRouter({
  list: tenantProcedure("department.read")
    .output(z.array(ZDepartment))
    .query(async ({ ctx }) => (await service.listDepartments(ctx)).map(toDepartmentDto)),

  byId: tenantProcedure("department.read")
    .input(ZDepartmentByIdInput)
    .output(ZDepartment)
    .query(async ({ ctx, input }) => toDepartmentDto(await service.getDepartment(ctx, input.id))),

  create: tenantProcedure("department.manage")
    .input(ZCreateDepartmentInput)
    .output(ZDepartment)
    .mutation(async ({ ctx, input }) => toDepartmentDto(await service.createDepartment(ctx, input))),

  rename: tenantProcedure("department.manage")
    .input(ZRenameDepartmentInput)
    .output(ZDepartment)
    .mutation(async ({ ctx, input }) => toDepartmentDto(await service.renameDepartment(ctx, input))),

  /** Sets or clears the lead (an active staff member here) that overdue abnormal items escalate to. */
  setLead: tenantProcedure("department.manage")
    .input(ZSetDepartmentLeadInput)
    .output(ZDepartment)
    .mutation(async ({ ctx, input }) => toDepartmentDto(await service.setDepartmentLead(ctx, { ...input, tenantId: ctx.tenant.id }))),
});
