import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { handleResultsImport } from "@/server/modules/results/import-endpoint";
import { callerFor } from "../support/caller";
import { createMember } from "../support/factories";
import { patientWithIdentifiers } from "../support/results";
import { createTestTenant, openTestDatabase } from "../support/test-database";

let db: DatabaseHandle;
let a: { id: string; slug: string };
let b: { id: string; slug: string };
let adminA: SessionUser;
let keyA: { id: string; key: string };
let keyB: { id: string; key: string };
let patient: { id: string; cardNumber: string };

beforeAll(async () => {
  db = await openTestDatabase();
  a = await createTestTenant(db, "接口医院");
  b = await createTestTenant(db, "另一医院");
  adminA = await createMember(db, a.id, "tenant_admin");
  const adminB = await createMember(db, b.id, "tenant_admin");
  patient = await patientWithIdentifiers(db, adminA, a.slug, { name: "接口患者", birthDate: "1980-02-02", sex: "female" });
  keyA = await callerFor(db, adminA, a.slug).apiKey.create({ name: "LIS", scopes: ["results.import"] });
  keyB = await callerFor(db, adminB, b.slug).apiKey.create({ name: "LIS B", scopes: ["results.import"] });
});
afterAll(async () => {
  await db.close();
});

function post(key: string | null, body: string, contentType = "text/csv", lang = "en") {
  const headers: Record<string, string> = { "content-type": contentType, "accept-language": lang };
  if (key) headers.authorization = `Bearer ${key}`;
  return handleResultsImport(db, new Request("http://localhost/api/v1/results/import?source=lis-api", { method: "POST", headers, body }));
}
const csv = () => `卡号,体检日期,报告号,项目,结果,单位\n${patient.cardNumber},2025-03-01,API-1,HB,118,g/L\n`;

describe("POST /api/v1/results/import", () => {
  it("imports with a valid key and answers with the per-row report; every use is audited in the tenant", async () => {
    const res = await post(keyA.key, csv());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; counts: { imported: number }; rows: { outcome: string; message: string | null }[] };
    expect(body).toMatchObject({ status: "committed", counts: { imported: 1 } });
    const audit = await forTenant(db.unsafeRoot, a.slug).selectFrom("audit_events").select(["actor_role", "details"]).where("action", "=", "results.import").execute();
    expect(audit.at(-1)).toMatchObject({ actor_role: "api_key", details: { apiKeyId: keyA.id, imported: 1 } });
    const again = await post(keyA.key, csv(), "text/csv", "zh-CN");
    const second = (await again.json()) as { counts: { unchanged: number }; rows: { message: string }[] };
    expect(second.counts.unchanged).toBe(1);
    expect(second.rows[0]!.message).toBe("该报告已导入，未做更改");
  });

  it("refuses missing, malformed and wrong keys with 401", async () => {
    expect((await post(null, csv())).status).toBe(401);
    expect((await post("not-a-key", csv())).status).toBe(401);
    const forged = keyA.key.slice(0, -4) + (keyA.key.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect((await post(forged, csv())).status).toBe(401);
  });

  it("another tenant's key imports into that tenant only: tenant A's card number is unknown there", async () => {
    const res = await post(keyB.key, csv());
    const body = (await res.json()) as { status: string; counts: { queued: number; imported: number } };
    expect(body).toMatchObject({ status: "committed", counts: { queued: 1, imported: 0 } });
    expect(await forTenant(db.unsafeRoot, b.slug).selectFrom("observations").select("id").execute()).toHaveLength(0);
  });

  it("refuses a key without the scope (403), an unsupported type (415) and a revoked or rotated key (401)", async () => {
    await db.control.updateTable("api_keys").set({ scopes: JSON.stringify([]) }).where("id", "=", keyB.id).execute();
    expect((await post(keyB.key, csv())).status).toBe(403);
    const denied = await forTenant(db.unsafeRoot, b.slug).selectFrom("audit_events").select(["action", "outcome"]).where("action", "=", "apikey.denied").execute();
    expect(denied).toEqual([{ action: "apikey.denied", outcome: "denied" }]);
    expect((await post(keyA.key, "x", "application/pdf")).status).toBe(415);
    const rotated = await callerFor(db, adminA, a.slug).apiKey.rotate({ id: keyA.id });
    expect((await post(keyA.key, csv())).status).toBe(401);
    expect((await post(rotated.key, csv())).status).toBe(200);
    await callerFor(db, adminA, a.slug).apiKey.revoke({ id: rotated.id });
    expect((await post(rotated.key, csv())).status).toBe(401);
  });

  it("answers 422 with row reasons for a bad file and 413 for a declared oversize body", async () => {
    const fresh = await callerFor(db, adminA, a.slug).apiKey.create({ name: "LIS 2", scopes: ["results.import"] });
    const bad = await post(fresh.key, `卡号,体检日期,项目,结果,单位\n${patient.cardNumber},2025-03-02,SBP,900,mmHg\n`);
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { rows: { reason: string; message: string }[] };
    expect(body.rows[0]).toMatchObject({ reason: "valueImplausible" });
    expect(body.rows[0]!.message).toContain("900");
    const big = await handleResultsImport(db, new Request("http://localhost/api/v1/results/import", { method: "POST", headers: { authorization: `Bearer ${fresh.key}`, "content-type": "application/hl7-v2", "content-length": String(64 * 1024 * 1024) }, body: "MSH" }));
    expect(big.status).toBe(413);
  });
});
