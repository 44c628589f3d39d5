import type { TenantDb } from "@/db/tenant";
import { recordAudit } from "@/server/audit/record";
import { localDayBounds } from "@/server/modules/followup/rules/local-day";
import { inPatientTransaction, keyring, loadPatientInScope, openPatientField, patientKey, seesAllPatients, type PatientContext } from "@/server/modules/patient/patient-context";
import { maskName } from "@/server/modules/patient/rules/masking";

export const WORKLIST_BUCKETS = ["overdue", "today", "upcoming"] as const;
export type WorklistBucket = (typeof WORKLIST_BUCKETS)[number];

export interface BoardInput {
  bucket: WorklistBucket;
  kind?: string;
  patientId?: string;
  /** Only tasks assigned to the caller (roles that see all patients can also look at everyone's). */
  mine: boolean;
  limit: number;
  /** Keyset cursor: the last row's (due_at, id). */
  after?: { dueAt: Date; id: string };
}

/** Open tasks the caller may see: their own panel's and those escalated to them, or all for tenant-wide roles. */
function visibleOpenTasks(ctx: PatientContext, db: TenantDb, mine: boolean) {
  let q = db.selectFrom("worklist_tasks as w").innerJoin("patients as p", "p.id", "w.patient_id").where("w.status", "=", "open");
  // A department lead also sees the overdue tasks escalated to them.
  if (!seesAllPatients(ctx)) q = q.where((eb) => eb.or([eb("p.manager_user_id", "=", ctx.actor.userId), eb("w.assignee_user_id", "=", ctx.actor.userId), eb("w.escalated_to_user_id", "=", ctx.actor.userId)]));
  if (mine) q = q.where("w.assignee_user_id", "=", ctx.actor.userId);
  return q;
}

/**
 * The health manager's worklist: overdue, due today, upcoming (tenant-local days), filterable by
 * patient and task kind, with counts per bucket. Patient names are masked.
 */
export async function worklistBoard(ctx: PatientContext, input: BoardInput, timeZone: string, now = new Date()) {
  const { start, end } = localDayBounds(now, timeZone);
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    // A patient filter names a patient: outside the caller's scope (or tenant) it is NOT_FOUND, not an empty list.
    if (input.patientId) await loadPatientInScope(ctx, trx, input.patientId, "worklist.view");
    const filtered = () => {
      let q = visibleOpenTasks(ctx, trx, input.mine);
      if (input.kind) q = q.where("w.kind", "=", input.kind);
      if (input.patientId) q = q.where("w.patient_id", "=", input.patientId);
      return q;
    };
    let q = filtered();
    if (input.bucket === "overdue") q = q.where("w.due_at", "<", start);
    else if (input.bucket === "today") q = q.where("w.due_at", ">=", start).where("w.due_at", "<", end);
    else q = q.where((eb) => eb.or([eb("w.due_at", ">=", end), eb("w.due_at", "is", null)]));
    if (input.after) {
      const { dueAt, id } = input.after;
      q = q.where((eb) => eb.or([eb("w.due_at", ">", dueAt), eb.and([eb("w.due_at", "=", dueAt), eb("w.id", ">", id)])]));
    }
    const rows = await q
      .leftJoin("followup_plans as fp", "fp.id", "w.plan_id")
      .leftJoin("followup_template_versions as v", "v.id", "fp.template_version_id")
      .leftJoin("followup_templates as t", "t.id", "v.template_id")
      .select(["w.id", "w.kind", "w.due_at", "w.channel", "w.plan_id", "w.step_index", "w.assignee_user_id", "w.escalated_at", "w.patient_id", "p.key_sealed", "p.name_sealed", "t.name as template_name", "t.name_en as template_name_en", "v.steps"])
      .orderBy("w.due_at", (o) => o.asc().nullsLast())
      .orderBy("w.id")
      .limit(input.limit + 1)
      .execute();
    const counts = await filtered()
      .select((eb) => [
        eb.fn.countAll<string>().filterWhere("w.due_at", "<", start).as("overdue"),
        eb.fn.countAll<string>().filterWhere((e) => e.and([e("w.due_at", ">=", start), e("w.due_at", "<", end)])).as("today"),
        eb.fn.countAll<string>().filterWhere((e) => e.or([e("w.due_at", ">=", end), e("w.due_at", "is", null)])).as("upcoming"),
      ])
      .executeTakeFirstOrThrow();
    const page = rows.slice(0, input.limit);
    await recordAudit(trx, ctx.actor, { action: "worklist.view", resourceType: "worklist", purpose: "care", details: { bucket: input.bucket, patientIds: [...new Set(page.map((r) => r.patient_id))] } });
    return {
      counts: { overdue: Number(counts.overdue), today: Number(counts.today), upcoming: Number(counts.upcoming) },
      hasMore: rows.length > input.limit,
      tasks: page.map((r) => {
        const name = openPatientField(ctx, patientKey(ring, r.patient_id, r.key_sealed), "name", r.patient_id, r.name_sealed);
        const step = Array.isArray(r.steps) && r.step_index !== null ? (r.steps[r.step_index] as { title?: string; titleEn?: string } | undefined) : undefined;
        return {
          id: r.id,
          kind: r.kind,
          dueAt: r.due_at,
          channel: r.channel,
          planId: r.plan_id,
          templateName: r.template_name,
          templateNameEn: r.template_name_en,
          stepTitle: step?.title ?? null,
          stepTitleEn: step?.titleEn ?? null,
          escalated: r.escalated_at !== null,
          assignedToMe: r.assignee_user_id === ctx.actor.userId,
          patient: { id: r.patient_id, nameMasked: name ? maskName(name) : "***" },
        };
      }),
    };
  });
}
