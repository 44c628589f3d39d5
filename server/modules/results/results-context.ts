import type { PatientContext } from "@/server/modules/patient/patient-context";
import type { ImportContext } from "./import/import.service";

/** Tenant procedures give a PatientContext; imports also need the tenant's time zone. */
export function importContextFrom(ctx: PatientContext & { tenant: { id: string; slug: string; timeZone?: string } }): ImportContext {
  return { db: ctx.db, database: ctx.database, tenant: { id: ctx.tenant.id, slug: ctx.tenant.slug }, actor: ctx.actor, timeZone: ctx.tenant.timeZone ?? "Asia/Shanghai" };
}
