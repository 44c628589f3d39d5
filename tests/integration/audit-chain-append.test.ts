import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import { chainHash } from "@/server/audit/canonical";
import { recordAudit, recordAuditStandalone } from "@/server/audit/record";
import { verifyAuditChain } from "@/server/audit/verify";
import { createTestTenant, openTestDatabase, systemActor } from "../support/test-database";

let db: DatabaseHandle;
let statements = 0;
const wrapped = new WeakSet<object>();

beforeAll(async () => {
  db = await openTestDatabase({ poolSize: 4 });
  db.pool.on("acquire", (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements++;
      return query(...args);
    };
  });
});
afterAll(async () => {
  await db.close();
});

// Text that canonical JSON must escape or carry as is: quotes, backslashes, CJK, an emoji, control characters.
const AWKWARD = { note: '他说"好"\\ok', emoji: "🩺", ctl: "a\tb\nc", nested: { z: [1, "二", null], a: { y: true } } };

describe("audit chain append", () => {
  it("sends one statement per event, and the database computes the same hash as chainHash()", async () => {
    const tdb = forTenant(db.unsafeRoot, (await createTestTenant(db)).slug);
    statements = 0;
    await tdb.transaction().execute((trx) => recordAudit(trx, { ...systemActor, ip: "10.0.0.1" }, { action: "test.one", resourceType: "patient", details: AWKWARD }));
    expect(statements).toBe(3); // BEGIN, the append, COMMIT
    const [row] = await tdb.selectFrom("audit_events").selectAll().execute();
    expect(row).toMatchObject({ seq: "1", prev_hash: "0".repeat(64), action: "test.one", details: AWKWARD });
    expect(row!.hash).toBe(chainHash("0".repeat(64), { ...row!, seq: "1" }));
    expect(await tdb.selectFrom("audit_head").select(["seq", "hash"]).executeTakeFirst()).toEqual({ seq: "1", hash: row!.hash });
  });

  it("concurrent writers still form one unbroken chain", async () => {
    const tdb = forTenant(db.unsafeRoot, (await createTestTenant(db)).slug);
    await Promise.all(Array.from({ length: 24 }, (_, i) => recordAuditStandalone(tdb, systemActor, { action: `test.${i}`, purpose: i % 2 ? "care" : undefined, details: { i, ...AWKWARD } })));
    expect(await verifyAuditChain(tdb)).toEqual({ ok: true, checked: 24, firstBrokenSeq: null, reason: null });
    const seqs = (await tdb.selectFrom("audit_events").select("seq").orderBy("seq").execute()).map((r) => Number(r.seq));
    expect(seqs).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
  });

  it("an append that fails leaves the head where it was", async () => {
    const tdb = forTenant(db.unsafeRoot, (await createTestTenant(db)).slug);
    await recordAuditStandalone(tdb, systemActor, { action: "test.ok" });
    await expect(recordAuditStandalone(tdb, systemActor, { action: "test.bad", patientId: "not-a-uuid" })).rejects.toThrow();
    await recordAuditStandalone(tdb, systemActor, { action: "test.ok2" });
    expect(await verifyAuditChain(tdb)).toMatchObject({ ok: true, checked: 2 });
  });
});
