import { sql, type Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import { isValidTenantSlug } from "@/db/tenant";
import type { ControlDatabase } from "@/db/types/control";
import { recordAudit } from "@/server/audit/record";
import { tenantAccessFromRow, type TenantAccessResult } from "@/server/tenancy/resolve";
import { authActor, type AuthRequestMeta } from "./audit-context";
import { judgeSession, sessionExpiry } from "./session-rules";
import type { SessionUser } from "./types";

export type SessionRevokeReason = "sign_out" | "idle" | "expired" | "deactivated" | "role_changed" | "removed" | "admin";

/** Opens a server-side session row after both factors passed; audited as the sign-in. */
export async function createSession(handle: DatabaseHandle, userId: string, meta: AuthRequestMeta, method: string): Promise<string> {
  const id = uuidv7();
  const now = new Date();
  await handle.control.transaction().execute(async (trx) => {
    await trx
      .insertInto("sessions")
      .values({ id, user_id: userId, created_at: now, last_seen_at: now, expires_at: sessionExpiry(now), ip: meta.ip, user_agent: meta.userAgent })
      .execute();
    await trx.updateTable("users").set({ last_sign_in_at: now }).where("id", "=", userId).execute();
    await recordAudit(trx, authActor(meta, userId), {
      action: "auth.sign_in",
      resourceType: "session",
      resourceId: id,
      details: { method },
    });
  });
  return id;
}

/** Ends every live session of an account inside the caller's transaction (deactivation, role change, removal). */
export async function revokeUserSessions(trx: Kysely<ControlDatabase>, userId: string, reason: SessionRevokeReason): Promise<number> {
  const rows = await trx
    .updateTable("sessions")
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .returning("id")
    .execute();
  return rows.length;
}

/** Sign-out: the row is revoked, so the cookie is worthless even if it was copied. */
export async function revokeSession(handle: DatabaseHandle, sessionId: string, userId: string, meta: AuthRequestMeta): Promise<void> {
  await handle.control.transaction().execute(async (trx) => {
    await trx
      .updateTable("sessions")
      .set({ revoked_at: new Date(), revoked_reason: "sign_out" })
      .where("id", "=", sessionId)
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .execute();
    await recordAudit(trx, authActor(meta, userId), { action: "auth.sign_out", resourceType: "session", resourceId: sessionId });
  });
}

/**
 * The session check behind getSessionUser(): the row must exist, belong to the token's user, be
 * neither revoked nor idle nor past its absolute lifetime, and the account must be active.
 */
export async function loadSessionUser(
  handle: DatabaseHandle,
  token: { sessionId: string; userId: string },
  now = new Date(),
): Promise<SessionUser | null> {
  return (await loadSessionWithTenant(handle, token, null, now)).user;
}

/**
 * The session check and, for a request that names a tenant, the tenant gate (resolveTenantAccess's
 * verdict) in ONE statement: the tenant and the caller's active membership are joined laterally to
 * the session row. `tenant` is null when no valid slug was asked for or the session is not good.
 */
export async function loadSessionWithTenant(
  handle: DatabaseHandle,
  token: { sessionId: string; userId: string },
  tenantSlug: string | null,
  now = new Date(),
): Promise<{ user: SessionUser | null; tenant: TenantAccessResult | null }> {
  const slug = isValidTenantSlug(tenantSlug) ? tenantSlug : null;
  const row = await handle.control
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom("tenants as t")
          .innerJoin("memberships as m", "m.tenant_id", "t.id")
          .select(["t.id", "t.slug", "t.name", "t.name_en", "t.time_zone", "t.status", "m.role"])
          .where("t.slug", "=", slug ?? "")
          .whereRef("m.user_id", "=", "s.user_id")
          .where("m.status", "=", "active")
          .where(sql<boolean>`${slug !== null}`)
          .as("tm"),
      (join) => join.onTrue(),
    )
    .select(["s.id", "s.created_at", "s.last_seen_at", "s.expires_at", "s.revoked_at", "u.id as user_id", "u.email", "u.display_name", "u.is_platform_operator", "u.status"])
    .select(["tm.id as tenant_id", "tm.slug as tenant_slug", "tm.name as tenant_name", "tm.name_en as tenant_name_en", "tm.time_zone as tenant_time_zone", "tm.status as tenant_status", "tm.role as tenant_role"])
    .where("s.id", "=", token.sessionId)
    .executeTakeFirst();
  const none = { user: null, tenant: null };
  if (!row || row.user_id !== token.userId || row.status !== "active") return none;
  const verdict = judgeSession(
    { createdAt: row.created_at, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at, revokedAt: row.revoked_at },
    now,
  );
  if (verdict.state !== "active") {
    if (verdict.state === "idle" || verdict.state === "expired") {
      await handle.control
        .updateTable("sessions")
        .set({ revoked_at: now, revoked_reason: verdict.state })
        .where("id", "=", row.id)
        .where("revoked_at", "is", null)
        .execute();
    }
    return none;
  }
  if (verdict.touch) {
    await handle.control.updateTable("sessions").set({ last_seen_at: now }).where("id", "=", row.id).where("revoked_at", "is", null).execute();
  }
  const user = { id: row.user_id, email: row.email, name: row.display_name, isPlatformOperator: row.is_platform_operator, sessionId: row.id };
  if (slug === null) return { user, tenant: null };
  const membership =
    row.tenant_id !== null
      ? {
          id: row.tenant_id,
          slug: row.tenant_slug!,
          name: row.tenant_name!,
          name_en: row.tenant_name_en,
          time_zone: row.tenant_time_zone!,
          status: row.tenant_status!,
          role: row.tenant_role!,
        }
      : undefined;
  return { user, tenant: tenantAccessFromRow(handle, membership) };
}
