import type { Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { ControlDatabase, UserStatus } from "@/db/types/control";
import type { TenantRole } from "@/server/shared/permissions";

type Control = Kysely<ControlDatabase>;

export function listTenantStaff(control: Control, tenantId: string) {
  return control
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.email", "u.display_name", "u.status", "u.mfa_enrolled_at", "u.last_sign_in_at", "m.role"])
    .where("m.tenant_id", "=", tenantId)
    .where("m.status", "=", "active")
    .orderBy("u.display_name")
    .execute();
}

/** The active membership of `userId` in `tenantId`; undefined for anyone who is not a member here. */
export function findActiveMember(control: Control, tenantId: string, userId: string) {
  return control
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id as membership_id", "m.role", "u.id", "u.email", "u.display_name", "u.status"])
    .where("m.tenant_id", "=", tenantId)
    .where("m.user_id", "=", userId)
    .where("m.status", "=", "active")
    .forUpdate()
    .executeTakeFirst();
}

export function findUserByEmail(control: Control, email: string) {
  return control.selectFrom("users").select(["id", "email", "display_name", "status"]).where("email", "=", email).executeTakeFirst();
}

export function findMembership(control: Control, tenantId: string, userId: string) {
  return control.selectFrom("memberships").select(["id", "status"]).where("tenant_id", "=", tenantId).where("user_id", "=", userId).executeTakeFirst();
}

export async function upsertMembership(control: Control, tenantId: string, userId: string, role: TenantRole): Promise<void> {
  const existing = await findMembership(control, tenantId, userId);
  if (existing) {
    await control.updateTable("memberships").set({ role, status: "active", updated_at: new Date() }).where("id", "=", existing.id).execute();
  } else {
    await control.insertInto("memberships").values({ id: uuidv7(), user_id: userId, tenant_id: tenantId, role }).execute();
  }
}

export async function setMembershipRole(control: Control, membershipId: string, role: TenantRole): Promise<void> {
  await control.updateTable("memberships").set({ role, updated_at: new Date() }).where("id", "=", membershipId).execute();
}

export async function removeMembership(control: Control, membershipId: string): Promise<void> {
  await control.updateTable("memberships").set({ status: "removed", updated_at: new Date() }).where("id", "=", membershipId).execute();
}

export async function countActiveAdmins(control: Control, tenantId: string): Promise<number> {
  const row = await control
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("m.tenant_id", "=", tenantId)
    .where("m.status", "=", "active")
    .where("m.role", "=", "tenant_admin")
    .where("u.status", "=", "active")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countMembershipsElsewhere(control: Control, tenantId: string, userId: string): Promise<number> {
  const row = await control
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("user_id", "=", userId)
    .where("tenant_id", "!=", tenantId)
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setUserStatus(control: Control, userId: string, status: UserStatus): Promise<void> {
  await control.updateTable("users").set({ status, updated_at: new Date() }).where("id", "=", userId).execute();
}
