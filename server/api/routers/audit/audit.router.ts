import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

const ZAuditEvent = z.object({
  seq: z.string(),
  occurredAt: z.date(),
  actorUserId: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  patientId: z.string().nullable(),
  purpose: z.string().nullable(),
  outcome: z.enum(["success", "denied", "failure"]),
  ip: z.string().nullable(),
});

export const auditRouter = createTRPCRouter({
  /** Newest first, keyset-paginated by seq. */
  list: tenantProcedure("audit.read")
    .input(z.object({ beforeSeq: z.string().regex(/^\d{1,19}$/).nullish(), limit: z.number().int().min(1).max(200).default(50) }))
    .output(z.object({ items: z.array(ZAuditEvent), nextBeforeSeq: z.string().nullable() }))
    .query(async ({ ctx, input }) => {
      let q = ctx.db.selectFrom("audit_events").selectAll().orderBy("seq", "desc").limit(input.limit + 1);
      if (input.beforeSeq) q = q.where("seq", "<", input.beforeSeq);
      const rows = await q.execute();
      const page = rows.slice(0, input.limit);
      return {
        items: page.map((r) => ({
          seq: String(r.seq),
          occurredAt: r.occurred_at,
          actorUserId: r.actor_user_id,
          actorRole: r.actor_role,
          action: r.action,
          resourceType: r.resource_type,
          resourceId: r.resource_id,
          patientId: r.patient_id,
          purpose: r.purpose,
          outcome: r.outcome,
          ip: r.ip,
        })),
        nextBeforeSeq: rows.length > input.limit ? String(page[page.length - 1]!.seq) : null,
      };
    }),
});
