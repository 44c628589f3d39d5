import { z } from "zod";
import { listManagers, listPanelOwners, reassign, reassignPanel, setDepartmentStaff } from "@/server/modules/panel/panel.service";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

const reason = z.string().trim().min(1).max(200);

export const panelRouter = createTRPCRouter({
  /** Health managers (optionally of one department) with their active patient counts. */
  managers: tenantProcedure("patient.read")
    .input(z.object({ departmentId: z.uuid().optional() }))
    .output(z.array(z.object({ id: z.uuid(), name: z.string(), activePatients: z.number().int() })))
    .query(({ ctx, input }) => listManagers(ctx, input.departmentId ?? null)),

  /** Staff who own active patients, former members included (the source of a handover). */
  owners: tenantProcedure("patient.assign")
    .output(z.array(z.object({ id: z.uuid(), name: z.string(), activePatients: z.number().int(), active: z.boolean() })))
    .query(({ ctx }) => listPanelOwners(ctx)),

  reassign: tenantProcedure("patient.assign")
    .input(z.object({ patientIds: z.array(z.uuid()).min(1).max(500), toUserId: z.uuid(), reason }))
    .output(z.object({ moved: z.number().int() }))
    .mutation(({ ctx, input }) => reassign(ctx, input)),

  /** Moves every patient of one manager (e.g. when they leave) to another. */
  reassignAll: tenantProcedure("patient.assign")
    .input(z.object({ fromUserId: z.uuid(), toUserId: z.uuid(), reason }))
    .output(z.object({ moved: z.number().int() }))
    .mutation(({ ctx, input }) => reassignPanel(ctx, input)),

  /** Which staff belong to a department (the pool for automatic assignment). */
  setDepartmentStaff: tenantProcedure("department.manage")
    .input(z.object({ departmentId: z.uuid(), userIds: z.array(z.uuid()).max(500) }))
    .output(z.object({ departmentId: z.uuid(), userIds: z.array(z.uuid()) }))
    .mutation(({ ctx, input }) => setDepartmentStaff(ctx, input)),
});
