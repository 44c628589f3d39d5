import type { DatabaseHandle } from "@/db/client";
import type { TenantDb } from "@/db/tenant";

/** Read-only counts for the staff dashboard. Control queries are always scoped by tenant id or user id. */

export async function countActiveStaff(database: DatabaseHandle, tenantId: string): Promise<number> {
  const row = await database.control
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("m.tenant_id", "=", tenantId)
    .where("m.status", "=", "active")
    .where("u.status", "=", "active")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countDepartments(db: TenantDb): Promise<number> {
  const row = await db
    .selectFrom("departments")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function accountSecurity(database: DatabaseHandle, userId: string, now: Date) {
  const [user, sessions] = await Promise.all([
    database.control.selectFrom("users").select(["mfa_enrolled_at", "last_sign_in_at"]).where("id", "=", userId).executeTakeFirst(),
    database.control
      .selectFrom("sessions")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    mfaEnrolledAt: user?.mfa_enrolled_at ?? null,
    lastSignInAt: user?.last_sign_in_at ?? null,
    activeSessions: Number(sessions.n),
  };
}

/** Display names of accounts that hold (or held) a membership in this tenant; others stay unnamed. */
export function memberNames(database: DatabaseHandle, tenantId: string, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return database.control
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.display_name"])
    .where("m.tenant_id", "=", tenantId)
    .where("u.id", "in", userIds)
    .execute();
}
