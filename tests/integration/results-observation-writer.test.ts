import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import { openField } from "@/server/crypto/field-crypto";
import { getTenantKeyring } from "@/server/crypto/tenant-keys";
import { loadCatalogue } from "@/server/modules/results/catalogue.repository";
import { ObservationsRejected, writeObservations } from "@/server/modules/results/observation-writer";
import { patientKey } from "@/server/modules/patient/patient-context";
import { callerFor } from "../support/caller";
import { createMember } from "../support/factories";
import { createTestTenant, openTestDatabase, systemActor } from "../support/test-database";

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let patientId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db);
  const admin = await createMember(db, tenant.id, "tenant_admin");
  const opened = await callerFor(db, admin, tenant.slug).patient.openCard({
    patient: { name: "结果患者", birthDate: "1970-03-01", sex: "female" },
    card: { level: "金卡", validFrom: "2026-01-01", validTo: "2027-01-01" },
  });
  if (opened.outcome !== "created") throw new Error("expected created");
  patientId = opened.patientId;
});
afterAll(async () => {
  await db.close();
});

async function patientForWriting(trx: ReturnType<typeof forTenant>) {
  const row = await trx.selectFrom("patients").select(["id", "sex", "birth_date", "key_sealed"]).where("id", "=", patientId).executeTakeFirstOrThrow();
  const ring = await getTenantKeyring(db.control, tenant.id);
  return { id: row.id, sex: row.sex, birthDate: "1970-03-01", key: patientKey(ring, row.id, row.key_sealed) };
}

describe("writeObservations", () => {
  it("the migration seeds the catalogue in every new tenant", async () => {
    const catalogue = await loadCatalogue(forTenant(db.unsafeRoot, tenant.slug));
    expect(catalogue.entries.length).toBeGreaterThanOrEqual(40);
    expect(catalogue.find("CREA")?.ranges.length).toBe(4);
    expect(catalogue.find("FPG")?.conversions.map((c) => c.unit)).toContain("mg/dL");
  });

  it("writes normalised, flagged observations with a sealed note and a timeline entry, in the caller's transaction", async () => {
    const t = forTenant(db.unsafeRoot, tenant.slug);
    const written = await t.transaction().execute(async (trx) => {
      const catalogue = await loadCatalogue(trx);
      return writeObservations(trx, { tenantId: tenant.id, actor: systemActor }, {
        patient: await patientForWriting(trx),
        reportId: null,
        sourceKind: "manual",
        sourceId: null,
        drafts: [
          { indicator: catalogue.find("FPG")!, observedAt: new Date("2025-05-01T01:00:00Z"), value: "126", unit: "mg/dL", note: "空腹12小时" },
          { indicator: catalogue.find("CREA")!, observedAt: new Date("2025-05-01T01:00:00Z"), value: "85", unit: "μmol/L" },
        ],
      });
    });
    expect(written.map((w) => [w.indicatorCode, w.flag])).toEqual([["FPG", "H"], ["CREA", "H"]]);
    const rows = await t.selectFrom("observations").selectAll().where("patient_id", "=", patientId).orderBy("id").execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ original_value: "126", original_unit: "mg/dL", range_source: "default", ref_low: 3.9, ref_high: 6.1, flag: "H", source_kind: "manual" });
    expect(rows[0]!.value_num).toBeCloseTo(6.9938, 3);
    // Woman aged 55: creatinine 41–73 μmol/L.
    expect(rows[1]).toMatchObject({ ref_low: 41, ref_high: 73 });
    expect(rows[0]!.note_sealed).not.toContain("空腹");
    const p = await patientForWriting(t);
    expect(openField(p.key!, rows[0]!.note_sealed!, { tenantId: tenant.id, table: "observations", column: "note", rowId: rows[0]!.id })).toBe("空腹12小时");
    const events = await t.selectFrom("patient_events").select(["kind", "details"]).where("patient_id", "=", patientId).where("kind", "=", "results.added").execute();
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ count: 2, abnormal: 2, sourceKind: "manual" });
  });

  it("refuses the whole request when one value is impossible, and writes nothing", async () => {
    const t = forTenant(db.unsafeRoot, tenant.slug);
    const before = await t.selectFrom("observations").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    const attempt = t.transaction().execute(async (trx) => {
      const catalogue = await loadCatalogue(trx);
      return writeObservations(trx, { tenantId: tenant.id, actor: systemActor }, {
        patient: await patientForWriting(trx),
        reportId: null,
        sourceKind: "manual",
        sourceId: null,
        drafts: [
          { indicator: catalogue.find("DBP")!, observedAt: new Date("2025-06-01T01:00:00Z"), value: "80", unit: "mmHg" },
          { indicator: catalogue.find("SBP")!, observedAt: new Date("2025-06-01T01:00:00Z"), value: "900", unit: "mmHg" },
        ],
      });
    });
    await expect(attempt).rejects.toBeInstanceOf(ObservationsRejected);
    await attempt.catch((e: ObservationsRejected) => expect(e.rejections).toEqual([expect.objectContaining({ index: 1, reason: "valueImplausible" })]));
    const after = await t.selectFrom("observations").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
