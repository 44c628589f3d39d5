import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { migrateAll } from "@/db/migrate";
import { forTenant, tenantSchemaName } from "@/db/tenant";
import { recordAudit } from "@/server/audit/record";
import { verifyAuditChain } from "@/server/audit/verify";
import { provisionTenant, TenantExistsError } from "@/server/tenancy/provision";
import { createTestTenant, openTestDatabase, systemActor, uniqueSlug } from "../support/test-database";

let db: DatabaseHandle;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

async function schemaExists(schema: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.schemata where schema_name = ${schema}`.execute(
    db.unsafeRoot,
  );
  return rows[0]!.n === 1;
}

describe("tenant provisioning", () => {
  it("creates the schema with its tables and a control row, audited in the control chain", async () => {
    const { slug, id } = await createTestTenant(db);
    expect(await schemaExists(tenantSchemaName(slug))).toBe(true);
    const tdb = forTenant(db.unsafeRoot, slug);
    expect(await tdb.selectFrom("departments").selectAll().execute()).toEqual([]);
    const events = await db.control.selectFrom("audit_events").select(["action", "resource_id"]).where("resource_id", "=", id).execute();
    expect(events).toEqual([{ action: "tenant.provision", resource_id: id }]);
  });

  it("rejects an invalid slug before touching the database", async () => {
    await expect(provisionTenant(db, { slug: "Bad_Slug", name: "x" }, systemActor)).rejects.toThrow(/Invalid tenant slug/);
    await expect(provisionTenant(db, { slug: "a; drop schema control", name: "x" }, systemActor)).rejects.toThrow(/Invalid tenant slug/);
  });

  it("rejects a duplicate slug", async () => {
    const { slug } = await createTestTenant(db);
    await expect(provisionTenant(db, { slug, name: "again" }, systemActor)).rejects.toBeInstanceOf(TenantExistsError);
  });

  it("leaves neither schema nor row behind when provisioning fails midway", async () => {
    const slug = uniqueSlug();
    // A name that violates NOT NULL fails after CREATE SCHEMA would have run if the order were different;
    // force a failure inside the transaction by pre-creating a conflicting object in the new schema's place.
    await sql`create schema ${sql.id(tenantSchemaName(slug))}`.execute(db.unsafeRoot);
    await expect(provisionTenant(db, { slug, name: "冲突" }, systemActor)).rejects.toThrow();
    const row = await db.control.selectFrom("tenants").select("id").where("slug", "=", slug).executeTakeFirst();
    expect(row).toBeUndefined();
    await sql`drop schema ${sql.id(tenantSchemaName(slug))}`.execute(db.unsafeRoot);
  });

  it("re-running migrations is a no-op", async () => {
    await createTestTenant(db);
    const report = await migrateAll(db);
    expect(report.control).toEqual([]);
    expect(report.tenants.every((t) => t.applied.length === 0 && !t.error)).toBe(true);
  });
});

describe("audit chain", () => {
  it("rejects UPDATE and DELETE and the verifier names the first tampered row", async () => {
    const { slug } = await createTestTenant(db);
    const tdb = forTenant(db.unsafeRoot, slug);
    for (let i = 0; i < 5; i++) {
      await tdb.transaction().execute((trx) => recordAudit(trx, systemActor, { action: `test.${i}`, details: { i, nested: { b: 1, a: [1, 2] } } }));
    }
    expect(await verifyAuditChain(tdb)).toMatchObject({ ok: true, checked: 5 });

    await expect(tdb.updateTable("audit_events").set({ action: "forged" }).where("seq", "=", "3").execute()).rejects.toThrow(/append-only/);
    await expect(tdb.deleteFrom("audit_events").where("seq", "=", "3").execute()).rejects.toThrow(/append-only/);

    const table = sql.table(`${tenantSchemaName(slug)}.audit_events`);
    await sql`alter table ${table} disable trigger audit_events_immutable`.execute(db.unsafeRoot);
    await sql`update ${table} set action = 'forged' where seq = 3`.execute(db.unsafeRoot);
    await sql`alter table ${table} enable trigger audit_events_immutable`.execute(db.unsafeRoot);

    const result = await verifyAuditChain(tdb);
    expect(result).toMatchObject({ ok: false, firstBrokenSeq: "3" });
  });

  it("rolls back the audited work when the audit insert fails", async () => {
    const { slug } = await createTestTenant(db);
    const tdb = forTenant(db.unsafeRoot, slug);
    await expect(
      tdb.transaction().execute(async (trx) => {
        await trx.insertInto("departments").values({ id: "018f0000-0000-7000-8000-000000000001", name: "心内科", name_en: null, lead_user_id: null }).execute();
        await recordAudit(trx, systemActor, { action: "x", patientId: "not-a-uuid" });
      }),
    ).rejects.toThrow();
    expect(await tdb.selectFrom("departments").selectAll().execute()).toEqual([]);
    expect(await verifyAuditChain(tdb)).toMatchObject({ ok: true, checked: 0 });
  });

  it("refuses to record outside a transaction", async () => {
    const { slug } = await createTestTenant(db);
    await expect(recordAudit(forTenant(db.unsafeRoot, slug), systemActor, { action: "x" })).rejects.toThrow(/inside the transaction/);
  });
});
