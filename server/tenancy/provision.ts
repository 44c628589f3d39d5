import type { Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import { createTenantSchema, inSchemaTransaction } from "@/db/migrate";
import { isValidTenantSlug } from "@/db/tenant";
import type { ControlDatabase } from "@/db/types/control";
import { recordAuditInOpenTransaction, type AuditActor } from "@/server/audit/record";

export interface NewTenant {
  slug: string;
  name: string;
  nameEn?: string | null;
  timeZone?: string;
}

export class TenantExistsError extends Error {
  constructor(readonly slug: string) {
    super(`Tenant ${slug} already exists`);
  }
}

/**
 * Registers the tenant, creates schema t_<slug> and runs every tenant migration in ONE transaction:
 * if anything fails, neither the row nor the schema remains.
 */
export async function provisionTenant(handle: DatabaseHandle, input: NewTenant, actor: AuditActor): Promise<{ id: string; slug: string }> {
  if (!isValidTenantSlug(input.slug)) throw new Error("Invalid tenant slug");
  const existing = await handle.control.selectFrom("tenants").select("id").where("slug", "=", input.slug).executeTakeFirst();
  if (existing) throw new TenantExistsError(input.slug);
  const id = uuidv7();
  try {
    await inSchemaTransaction(handle.unsafeRoot, async (conn) => {
      const control = conn.withSchema("control") as Kysely<ControlDatabase>;
      await control
        .insertInto("tenants")
        .values({ id, slug: input.slug, name: input.name, name_en: input.nameEn ?? null, time_zone: input.timeZone ?? "Asia/Shanghai" })
        .execute();
      await createTenantSchema(conn, input.slug);
      await recordAuditInOpenTransaction(control, actor, {
        action: "tenant.provision",
        resourceType: "tenant",
        resourceId: id,
        details: { slug: input.slug },
      });
    });
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "23505") throw new TenantExistsError(input.slug);
    throw error;
  }
  return { id, slug: input.slug };
}
