import { TRPCError } from "@trpc/server";
import type { Kysely } from "kysely";
import type { TenantDb } from "@/db/tenant";
import type { ControlDatabase, UserStatus } from "@/db/types/control";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { insertAccount } from "@/server/auth/accounts";
import { checkPasswordPolicy } from "@/server/auth/password-policy";
import { revokeUserSessions } from "@/server/auth/session-store";
import type { TenantRole } from "@/server/shared/permissions";
import type { ResolvedTenant } from "@/server/tenancy/resolve";
import { passwordPolicyError, staffError } from "./staff-errors";
import * as repo from "./staff.repository";

export interface StaffContext {
  db: TenantDb;
  tenant: ResolvedTenant;
  actor: AuditActor;
  user: { id: string };
  locale: "zh-CN" | "en";
}

type Control = Kysely<ControlDatabase>;

/**
 * One transaction for both schemas: the membership/account change (control) and its audit row
 * (the tenant's chain) commit or roll back together. The transaction is opened on the tenant
 * handle; `control` is the same connection re-bound to the control schema. It touches exactly one
 * tenant schema, so the no-cross-tenant rule (and Citus schema sharding) still holds.
 */
function inStaffTransaction<T>(ctx: StaffContext, work: (trx: TenantDb, control: Control) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute((trx) => work(trx, trx.withSchema("control") as unknown as Control));
}

export async function listStaff(ctx: StaffContext) {
  const rows = await repo.listTenantStaff(ctx.db.withSchema("control") as unknown as Control, ctx.tenant.id);
  return rows.map((r) => ({
    userId: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    status: r.status,
    mfaEnrolled: r.mfa_enrolled_at !== null,
    lastSignInAt: r.last_sign_in_at,
    isSelf: r.id === ctx.user.id,
  }));
}

/** The member being changed: anyone who is not an active member of THIS tenant is NOT_FOUND. */
async function requireMember(ctx: StaffContext, control: Control, userId: string) {
  const member = await repo.findActiveMember(control, ctx.tenant.id, userId);
  if (!member) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  if (member.id === ctx.user.id) throw staffError("BAD_REQUEST", "self", ctx.locale);
  return member;
}

async function keepAnAdmin(ctx: StaffContext, control: Control, member: { role: string; status: string }) {
  if (member.role === "tenant_admin" && member.status === "active" && (await repo.countActiveAdmins(control, ctx.tenant.id)) <= 1) {
    throw staffError("BAD_REQUEST", "lastAdmin", ctx.locale);
  }
}

export interface AddStaffInput {
  email: string;
  role: TenantRole;
  displayName?: string;
  initialPassword?: string;
}

/** Adds an existing account by e-mail, or creates a new one (MFA enrolment then happens at first sign-in). */
export async function addStaff(ctx: StaffContext, input: AddStaffInput): Promise<{ userId: string; created: boolean }> {
  const email = input.email.trim().toLowerCase();
  return inStaffTransaction(ctx, async (trx, control) => {
    const existing = await repo.findUserByEmail(control, email);
    let userId: string;
    if (existing) {
      const membership = await repo.findMembership(control, ctx.tenant.id, existing.id);
      if (membership?.status === "active") throw staffError("CONFLICT", "alreadyMember", ctx.locale);
      userId = existing.id;
    } else {
      if (!input.displayName?.trim()) throw staffError("BAD_REQUEST", "displayNameRequired", ctx.locale);
      if (!input.initialPassword) throw staffError("BAD_REQUEST", "passwordRequired", ctx.locale);
      const problem = checkPasswordPolicy(input.initialPassword, email);
      if (problem) throw passwordPolicyError(problem, ctx.locale);
      userId = (await insertAccount(control, { email, displayName: input.displayName.trim(), password: input.initialPassword })).id;
    }
    await repo.upsertMembership(control, ctx.tenant.id, userId, input.role);
    await recordAudit(trx, ctx.actor, {
      action: existing ? "staff.add" : "staff.create",
      resourceType: "user",
      resourceId: userId,
      details: { role: input.role },
    });
    return { userId, created: !existing };
  });
}

export async function changeRole(ctx: StaffContext, input: { userId: string; role: TenantRole }): Promise<void> {
  await inStaffTransaction(ctx, async (trx, control) => {
    const member = await requireMember(ctx, control, input.userId);
    if (member.role === input.role) return;
    await keepAnAdmin(ctx, control, member);
    await repo.setMembershipRole(control, member.membership_id, input.role);
    const revoked = await revokeUserSessions(control, member.id, "role_changed");
    await recordAudit(trx, ctx.actor, {
      action: "staff.role_change",
      resourceType: "user",
      resourceId: member.id,
      details: { from: member.role, to: input.role, sessionsRevoked: revoked },
    });
  });
}

export async function removeStaff(ctx: StaffContext, input: { userId: string }): Promise<void> {
  await inStaffTransaction(ctx, async (trx, control) => {
    const member = await requireMember(ctx, control, input.userId);
    await keepAnAdmin(ctx, control, member);
    await repo.removeMembership(control, member.membership_id);
    const revoked = await revokeUserSessions(control, member.id, "removed");
    await recordAudit(trx, ctx.actor, {
      action: "staff.remove",
      resourceType: "user",
      resourceId: member.id,
      details: { role: member.role, sessionsRevoked: revoked },
    });
  });
}

/**
 * Deactivates or reactivates the account itself. Only for accounts that belong to this tenant
 * alone: a tenant admin must not lock someone out of another organisation.
 */
export async function setStaffStatus(ctx: StaffContext, input: { userId: string; status: UserStatus }): Promise<void> {
  await inStaffTransaction(ctx, async (trx, control) => {
    const member = await requireMember(ctx, control, input.userId);
    if (member.status === input.status) return;
    if ((await repo.countMembershipsElsewhere(control, ctx.tenant.id, member.id)) > 0) throw staffError("FORBIDDEN", "otherTenants", ctx.locale);
    if (input.status === "deactivated") await keepAnAdmin(ctx, control, member);
    await repo.setUserStatus(control, member.id, input.status);
    const revoked = input.status === "deactivated" ? await revokeUserSessions(control, member.id, "deactivated") : 0;
    await recordAudit(trx, ctx.actor, {
      action: input.status === "deactivated" ? "staff.deactivate" : "staff.reactivate",
      resourceType: "user",
      resourceId: member.id,
      details: { sessionsRevoked: revoked },
    });
  });
}
