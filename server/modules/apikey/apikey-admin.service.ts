import { TRPCError } from "@trpc/server";
import type { Kysely } from "kysely";
import type { ControlDatabase } from "@/db/types/control";
import { recordAudit } from "@/server/audit/record";
import type { PatientContext } from "@/server/modules/patient/patient-context";
import { insertApiKey, type ApiScope } from "./apikey.service";

/** The control schema on the transaction's own connection (PGlite has only one). */
function control(trx: PatientContext["db"]): Kysely<ControlDatabase> {
  return (trx as unknown as Kysely<ControlDatabase>).withSchema("control");
}

export async function listApiKeys(ctx: PatientContext) {
  const rows = await control(ctx.db).selectFrom("api_keys").select(["id", "key_id", "name", "scopes", "created_at", "last_used_at", "revoked_at"]).where("tenant_id", "=", ctx.tenant.id).orderBy("created_at", "desc").execute();
  return rows.map((r) => ({ id: r.id, prefix: `cpk_${r.key_id}`, name: r.name, scopes: r.scopes, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

/** The new key is returned once; the audit event (tenant chain) names the key id, never the secret. */
export async function createApiKey(ctx: PatientContext, input: { name: string; scopes: ApiScope[] }) {
  return ctx.db.transaction().execute(async (trx) => {
    const created = await insertApiKey(control(trx), { tenantId: ctx.tenant.id, name: input.name, scopes: input.scopes, createdBy: ctx.actor.userId });
    await recordAudit(trx, ctx.actor, { action: "apikey.create", resourceType: "api_key", resourceId: created.id, details: { scopes: input.scopes } });
    return { id: created.id, key: created.key };
  });
}

async function activeKey(ctx: PatientContext, trx: PatientContext["db"], id: string) {
  const row = await control(trx).selectFrom("api_keys").selectAll().where("id", "=", id).where("tenant_id", "=", ctx.tenant.id).forUpdate().executeTakeFirst();
  if (!row || row.revoked_at) throw new TRPCError({ code: "NOT_FOUND", message: "errors.apiKeyNotFound" });
  return row;
}

export async function revokeApiKey(ctx: PatientContext, input: { id: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await activeKey(ctx, trx, input.id);
    await control(trx).updateTable("api_keys").set({ revoked_at: new Date() }).where("id", "=", row.id).execute();
    await recordAudit(trx, ctx.actor, { action: "apikey.revoke", resourceType: "api_key", resourceId: row.id });
    return { ok: true as const };
  });
}

/** A new secret with the same name and scopes; the old key stops working at once. */
export async function rotateApiKey(ctx: PatientContext, input: { id: string }) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await activeKey(ctx, trx, input.id);
    const created = await insertApiKey(control(trx), { tenantId: ctx.tenant.id, name: row.name, scopes: row.scopes as ApiScope[], createdBy: ctx.actor.userId });
    await control(trx).updateTable("api_keys").set({ revoked_at: new Date(), replaced_by: created.id }).where("id", "=", row.id).execute();
    await recordAudit(trx, ctx.actor, { action: "apikey.rotate", resourceType: "api_key", resourceId: created.id, details: { replaced: row.id } });
    return { id: created.id, key: created.key };
  });
}
