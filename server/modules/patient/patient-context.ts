import { TRPCError } from "@trpc/server";
import type { Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import type { TenantDb } from "@/db/tenant";
import type { ControlDatabase } from "@/db/types/control";
import { recordAuditStandalone, type AuditActor } from "@/server/audit/record";
import { openFieldOrNull, openPatientKey, type FieldBinding } from "@/server/crypto/field-crypto";
import type { SealingKey } from "@/server/crypto/secret-box";
import { getTenantKeyring, type TenantKeyring } from "@/server/crypto/tenant-keys";
import { roleCan, type TenantPermission, type TenantRole } from "@/server/shared/permissions";

/** What every patient-domain service receives from a tenant procedure. */
export interface PatientContext {
  db: TenantDb;
  actor: AuditActor;
  role: TenantRole;
  tenant: { id: string; slug: string };
  database: DatabaseHandle;
}

export function can(ctx: PatientContext, permission: TenantPermission): boolean {
  return roleCan(ctx.role, permission);
}

/** Tenant-wide roles see every patient; everyone else only their own panel (patients.manager_user_id). */
export function seesAllPatients(ctx: PatientContext): boolean {
  return can(ctx, "patient.read_all");
}

export function keyring(ctx: PatientContext): Promise<TenantKeyring> {
  return getTenantKeyring(ctx.database.control, ctx.tenant.id);
}

export function binding(ctx: PatientContext, table: string, column: string, rowId: string): FieldBinding {
  return { tenantId: ctx.tenant.id, table, column, rowId };
}

/** Opens the patient's key; null when the patient was crypto-shredded. */
export function patientKey(ring: TenantKeyring, patientId: string, keySealed: string | null): SealingKey | null {
  return keySealed ? openPatientKey(ring, patientId, keySealed) : null;
}

export function openPatientField(ctx: PatientContext, key: SealingKey | null, column: string, patientId: string, sealed: string | null): string | null {
  if (!key) return null;
  return openFieldOrNull(key, sealed, binding(ctx, "patients", column, patientId));
}

/**
 * The patient row if it exists in this tenant AND is in the caller's scope; otherwise the denial is
 * audited (in its own transaction, because the caller's work rolls back) and NOT_FOUND is thrown.
 */
export async function loadPatientInScope(ctx: PatientContext, trx: TenantDb, patientId: string, action: string) {
  let q = trx.selectFrom("patients").selectAll().where("id", "=", patientId);
  if (!seesAllPatients(ctx)) q = q.where("manager_user_id", "=", ctx.actor.userId);
  const row = await q.executeTakeFirst();
  if (!row) throw new OutOfScope(patientId, action);
  return row;
}

export class OutOfScope extends Error {
  constructor(
    readonly patientId: string,
    readonly action: string,
  ) {
    super("Patient not found or out of scope");
  }
}

/** Runs `work` in a transaction; an OutOfScope refusal is audited as a denial and becomes NOT_FOUND. */
export async function inPatientTransaction<T>(ctx: PatientContext, work: (trx: TenantDb) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction().execute(work);
  } catch (error) {
    if (error instanceof OutOfScope) {
      await recordAuditStandalone(ctx.db, ctx.actor, {
        action: "patient.access_denied",
        outcome: "denied",
        resourceType: "patient",
        resourceId: error.patientId,
        details: { attempted: error.action },
      });
      throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    }
    throw error;
  }
}

export async function addTimelineEvent(trx: TenantDb, ctx: PatientContext, patientId: string, kind: string, details: Record<string, unknown> = {}): Promise<void> {
  await trx
    .insertInto("patient_events")
    .values({ id: uuidv7(), patient_id: patientId, kind, actor_user_id: ctx.actor.userId, details: JSON.stringify(details) })
    .execute();
}

export function badInput(key: string): TRPCError {
  return new TRPCError({ code: "BAD_REQUEST", message: `errors.${key}` });
}

/** `date` columns come back as a local-midnight Date from node-postgres; turn them into YYYY-MM-DD. */
export function isoDate(value: Date | string | null): string | null {
  if (value === null) return null;
  if (typeof value === "string") return value.slice(0, 10);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${value.getFullYear()}-${p(value.getMonth() + 1)}-${p(value.getDate())}`;
}

/**
 * The control schema on the SAME connection as `via` (a transaction or ctx.db). Inside a transaction a
 * second pooled connection must not be taken: PGlite has exactly one, and it would wait forever.
 */
function controlOn(via: TenantDb): Kysely<ControlDatabase> {
  return (via as unknown as Kysely<ControlDatabase>).withSchema("control");
}

/** Display names of staff accounts of this tenant, in one query (never one per row). */
export async function staffNames(ctx: PatientContext, via: TenantDb, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const rows = await controlOn(via)
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.display_name"])
    .where("m.tenant_id", "=", ctx.tenant.id)
    .where("u.id", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}

/**
 * `userId` must be an active health manager of this tenant: someone who is not a member here at all
 * (e.g. an id from another tenant) is NOT_FOUND; a member in another role or deactivated is bad input.
 */
export async function requireHealthManager(ctx: PatientContext, via: TenantDb, userId: string): Promise<{ id: string; name: string }> {
  const found = await activeHealthManagers(ctx, via, [userId]);
  if (found[0]) return found[0];
  const member = await controlOn(via).selectFrom("memberships").select("id").where("tenant_id", "=", ctx.tenant.id).where("user_id", "=", userId).executeTakeFirst();
  if (!member) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  throw badInput("managerInvalid");
}

/** Active health managers of this tenant (optionally only `userIds`). */
export async function activeHealthManagers(ctx: PatientContext, via: TenantDb, userIds?: string[]): Promise<{ id: string; name: string }[]> {
  if (userIds && userIds.length === 0) return [];
  let q = controlOn(via)
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.display_name"])
    .where("m.tenant_id", "=", ctx.tenant.id)
    .where("m.role", "=", "health_manager")
    .where("m.status", "=", "active")
    .where("u.status", "=", "active");
  if (userIds) q = q.where("u.id", "in", userIds);
  return (await q.orderBy("u.id").execute()).map((r) => ({ id: r.id, name: r.display_name }));
}
