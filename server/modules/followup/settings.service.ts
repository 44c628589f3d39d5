import type { TenantDb } from "@/db/tenant";
import { recordAudit } from "@/server/audit/record";
import type { PatientContext } from "@/server/modules/patient/patient-context";
import { DEFAULT_ESCALATE_AFTER_HOURS } from "./rules/escalation";

export interface FollowupSettings {
  escalateAfterHours: number;
  digestEnabled: boolean;
  /** Local hour (tenant time zone) from which the afternoon digest goes out. */
  digestHour: number;
}

export async function loadFollowupSettings(db: TenantDb): Promise<FollowupSettings> {
  const row = await db.selectFrom("followup_settings").select(["escalate_after_hours", "digest_enabled", "digest_hour"]).where("id", "=", 1).executeTakeFirst();
  return row
    ? { escalateAfterHours: row.escalate_after_hours, digestEnabled: row.digest_enabled, digestHour: row.digest_hour }
    : { escalateAfterHours: DEFAULT_ESCALATE_AFTER_HOURS, digestEnabled: true, digestHour: 16 };
}

export async function followupSettings(ctx: PatientContext): Promise<FollowupSettings> {
  return loadFollowupSettings(ctx.db);
}

/** Tenant admins set the escalation delay and the digest hour; audited with the old and new values. */
export async function saveFollowupSettings(ctx: PatientContext, input: FollowupSettings): Promise<FollowupSettings> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await loadFollowupSettings(trx);
    await trx
      .insertInto("followup_settings")
      .values({ id: 1, escalate_after_hours: input.escalateAfterHours, digest_enabled: input.digestEnabled, digest_hour: input.digestHour, updated_by: ctx.actor.userId, updated_at: new Date() })
      .onConflict((oc) =>
        oc.column("id").doUpdateSet({ escalate_after_hours: input.escalateAfterHours, digest_enabled: input.digestEnabled, digest_hour: input.digestHour, updated_by: ctx.actor.userId, updated_at: new Date() }),
      )
      .execute();
    await recordAudit(trx, ctx.actor, { action: "followup.settings_update", resourceType: "followup_settings", details: { before, after: input } });
    return input;
  });
}
