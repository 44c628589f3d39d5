import { z } from "zod";
import { worklistBoard } from "@/server/modules/worklist/worklist-board.service";
import { openTasksForPatient } from "@/server/modules/worklist/patient-tasks.service";
import { completeTask, myTasks } from "@/server/modules/worklist/worklist.service";
import { ZBoard, ZBoardInput } from "../followup/followup.schema";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

const ZTaskStatus = z.enum(["open", "done", "cancelled"]);

export const worklistRouter = createTRPCRouter({
  /** The caller's own tasks; kinds so far: complete_health_record, first_contact. */
  mine: tenantProcedure("followup.read")
    .input(z.object({ status: ZTaskStatus.default("open"), limit: z.number().int().min(1).max(200).default(50) }))
    .output(
      z.array(
        z.object({
          id: z.uuid(),
          kind: z.string(),
          status: ZTaskStatus,
          dueAt: z.date().nullable(),
          createdAt: z.date(),
          completedAt: z.date().nullable(),
          patient: z.object({ id: z.uuid(), nameMasked: z.string() }),
        }),
      ),
    )
    .query(({ ctx, input }) => myTasks(ctx, input)),

  /** Overdue / due today / upcoming, by patient and by kind, with counts per bucket. */
  board: tenantProcedure("followup.read")
    .input(ZBoardInput)
    .output(ZBoard)
    .query(({ ctx, input }) => worklistBoard(ctx, input, ctx.tenant.timeZone)),

  /** One patient's open tasks (any assignee) for the patient page; the patient must be in the caller's scope. */
  forPatient: tenantProcedure("patient.read")
    .input(z.object({ patientId: z.uuid() }))
    .output(
      z.array(
        z.object({
          id: z.uuid(),
          kind: z.string(),
          dueAt: z.date().nullable(),
          createdAt: z.date(),
          fromPlan: z.boolean(),
          assignee: z.object({ id: z.uuid(), name: z.string() }).nullable(),
          mine: z.boolean(),
        }),
      ),
    )
    .query(({ ctx, input }) => openTasksForPatient(ctx, input.patientId)),

  complete: tenantProcedure("followup.write")
    .input(z.object({ taskId: z.uuid() }))
    .output(z.object({ id: z.uuid(), status: z.literal("done") }))
    .mutation(({ ctx, input }) => completeTask(ctx, input.taskId)),
});
