import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import { forTenant, type TenantDb } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { loadCatalogue } from "@/server/modules/results/catalogue.repository";
import { writeObservations } from "@/server/modules/results/observation-writer";
import { callerFor, outcome } from "../support/caller";
import { createMember } from "../support/factories";
import { createTestTenant, openTestDatabase, systemActor } from "../support/test-database";

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let tdb: TenantDb;
let doctor: SessionUser;
let hm: SessionUser;
let otherHm: SessionUser;
let patientId: string;
const reports: string[] = [];

const at = (year: number, month = 6, day = 1) => new Date(Date.UTC(year, month - 1, day, 1, 0));

/** Yearly check-ups 2016–2025 through the real observation writer, one exam report each. */
async function seedYears() {
  const catalogue = await loadCatalogue(tdb);
  const p = await tdb.selectFrom("patients").select(["id", "sex"]).where("id", "=", patientId).executeTakeFirstOrThrow();
  for (let i = 0; i < 10; i++) {
    const year = 2016 + i;
    const reportId = uuidv7();
    await tdb.insertInto("exam_reports").values({ id: reportId, patient_id: patientId, source: "csv", external_id: `R${year}`, exam_date: `${year}-06-01` }).execute();
    reports.push(reportId);
    const values: [string, number][] = [
      ["SBP", 118 + i * 3],
      ["DBP", 76 + i],
      ["WEIGHT", 70 + i * 0.8],
      // Normal but rising ~0.2/yr, then 0.5/yr in the last years.
      ["FPG", i < 7 ? 4.6 + i * 0.1 : 5.2 + (i - 6) * 0.25],
      ["LDLC", i === 9 ? 4.6 : 2.8 + i * 0.05],
      ["EGFR", i < 5 ? 100 : 100 - (i - 4) * 7],
    ];
    await tdb.transaction().execute((trx) =>
      writeObservations(trx, { tenantId: tenant.id, actor: { ...systemActor, tenantId: tenant.id } }, {
        patient: { id: p.id, sex: p.sex, birthDate: "1965-03-01", key: null },
        reportId,
        sourceKind: "import",
        sourceId: null,
        drafts: values.map(([code, value]) => ({ indicator: catalogue.find(code)!, observedAt: at(year), value: String(Math.round(value * 100) / 100), unit: catalogue.find(code)!.unit })),
      }),
    );
  }
}

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db, "趋势医院");
  tdb = forTenant(db.unsafeRoot, tenant.slug);
  const admin = await createMember(db, tenant.id, "tenant_admin");
  doctor = await createMember(db, tenant.id, "doctor");
  hm = await createMember(db, tenant.id, "health_manager");
  otherHm = await createMember(db, tenant.id, "health_manager");
  const opened = await callerFor(db, admin, tenant.slug).patient.openCard({
    patient: { name: "赵志强", birthDate: "1965-03-01", sex: "male" },
    card: { level: "金卡", validFrom: "2026-01-01", validTo: "2027-01-01" },
    managerUserId: hm.id,
  });
  if (opened.outcome !== "created") throw new Error("expected created");
  patientId = opened.patientId;
  await seedYears();
});
afterAll(async () => {
  await db.close();
});

describe("trends", () => {
  it("returns each indicator over ten years with its reference band, flags, year-over-year change and trend warnings; the read is audited", async () => {
    const trends = await callerFor(db, doctor, tenant.slug).trends.series({ patientId, codes: ["SBP", "DBP", "WEIGHT", "FPG", "LDLC", "EGFR"] });
    expect(trends.series.map((s) => s.code).sort()).toEqual(["DBP", "EGFR", "FPG", "LDLC", "SBP", "WEIGHT"]);
    const sbp = trends.series.find((s) => s.code === "SBP")!;
    expect([sbp.unit, sbp.referenceLow, sbp.referenceHigh, sbp.points.length, sbp.totalPoints]).toEqual(["mmHg", 90, 139, 10, 10]);
    // 139 (2023) is the top of the range; 142 and 145 are above it.
    expect(sbp.points.filter((p) => p.abnormal).map((p) => [new Date(p.t).getUTCFullYear(), p.v, p.flag])).toEqual([
      [2024, 142, "H"],
      [2025, 145, "H"],
    ]);
    expect(sbp.yearOverYear.at(-1)).toEqual({ year: 2025, value: 145, previousYear: 2024, previousValue: 142, change: 3, changePercent: 2.1 });
    const ldl = trends.series.find((s) => s.code === "LDLC")!;
    expect(ldl.points.at(-1)).toMatchObject({ v: 4.6, abnormal: true, flag: "H" });
    // eGFR 100 (2020) → 65 (2025) is a 35 % fall; FPG 4.9 → 6.0 over 2021–2025 rises ≈0.27/yr (no warning).
    expect(trends.warnings.map((w) => [w.kind, w.from.value, w.to.value, w.magnitude])).toEqual([["egfr_decline", 100, 65, 0.35]]);
    const audit = await tdb.selectFrom("audit_events").select(["action", "patient_id", "details"]).where("action", "=", "trends.view").where("actor_user_id", "=", doctor.id).execute();
    expect(audit).toEqual([{ action: "trends.view", patient_id: patientId, details: { codes: ["SBP", "DBP", "WEIGHT", "FPG", "LDLC", "EGFR"], values: 60 } }]);
  });

  it("lists the indicators the patient has and compares two exams with the direction of change", async () => {
    const c = callerFor(db, hm, tenant.slug);
    const indicators = await c.trends.indicators({ patientId });
    expect(indicators.map((i) => [i.code, i.count])).toEqual(expect.arrayContaining([["SBP", 10], ["EGFR", 10]]));
    const list = await c.trends.reports({ patientId });
    expect(list.map((r) => r.examDate).slice(0, 2)).toEqual(["2025-06-01", "2024-06-01"]);
    const cmp = await c.trends.compare({ patientId, reportA: reports[8]!, reportB: reports[9]! });
    const row = (code: string) => cmp.rows.find((r) => r.code === code)!;
    expect([row("SBP").a?.value, row("SBP").b?.value, row("SBP").direction, row("SBP").change]).toEqual([142, 145, "up", 3]);
    expect([row("EGFR").direction, row("EGFR").change]).toEqual(["down", -7]);
    expect(row("LDLC").b?.flag).toBe("H");
  });

  it("keeps a long series to ≤ 1,000 points with every abnormal point", async () => {
    const catalogue = await loadCatalogue(tdb);
    const hr = catalogue.find("HR")!;
    const start = Date.UTC(2016, 0, 1);
    const drafts = Array.from({ length: 3000 }, (_, i) => ({ indicator: hr, observedAt: new Date(start + i * 3_600_000 * 29), value: String(i % 250 === 0 ? 112 : 64 + (i % 17)), unit: "/min" }));
    await tdb.transaction().execute((trx) =>
      writeObservations(trx, { tenantId: tenant.id, actor: { ...systemActor, tenantId: tenant.id } }, { patient: { id: patientId, sex: "male", birthDate: "1965-03-01", key: null }, reportId: null, sourceKind: "manual", sourceId: null, drafts }),
    );
    const [series] = (await callerFor(db, doctor, tenant.slug).trends.series({ patientId, codes: ["HR"] })).series;
    expect(series!.totalPoints).toBe(3000);
    expect(series!.points.length).toBeLessThanOrEqual(1000);
    expect(series!.points.filter((p) => p.abnormal)).toHaveLength(12);
  });

  it("another manager's patient is NOT_FOUND for every trend and measurement call", async () => {
    const c = callerFor(db, otherHm, tenant.slug);
    expect(await outcome(c.trends.series({ patientId, codes: ["SBP"] }))).toBe("NOT_FOUND");
    expect(await outcome(c.trends.indicators({ patientId }))).toBe("NOT_FOUND");
    expect(await outcome(c.trends.reports({ patientId }))).toBe("NOT_FOUND");
    expect(await outcome(c.trends.compare({ patientId, reportA: reports[0]!, reportB: reports[1]! }))).toBe("NOT_FOUND");
    expect(await outcome(c.measurement.record({ patientId, measuredAt: new Date(), values: [{ code: "SBP", value: 120, unit: "mmHg" }] }))).toBe("NOT_FOUND");
  });
});

describe("manual measurement", () => {
  async function count() {
    return Number((await tdb.selectFrom("observations").select((eb) => eb.fn.countAll<string>().as("n")).where("patient_id", "=", patientId).executeTakeFirstOrThrow()).n);
  }
  async function issues(call: Promise<unknown>) {
    try {
      await call;
      return "OK";
    } catch (e) {
      const err = e as { code: string; message: string; cause?: { issues?: { path: (string | number)[]; message: string }[] } };
      if (!err.cause) return { code: err.code, message: err.message };
      return { code: err.code, issues: err.cause?.issues?.map((i) => [i.path.join("."), i.message]) };
    }
  }

  it("refuses SBP 900, a unit that does not convert, an unknown indicator and a repeated one — and stores nothing", async () => {
    const c = callerFor(db, hm, tenant.slug);
    const before = await count();
    const when = new Date(Date.now() - 60_000);
    expect(await issues(c.measurement.record({ patientId, measuredAt: when, values: [{ code: "SBP", value: 900, unit: "mmHg" }, { code: "DBP", value: 80, unit: "mmHg" }] }))).toEqual({
      code: "BAD_REQUEST",
      issues: [["values.0.value", "errors.measurementImplausible"]],
    });
    expect(await issues(c.measurement.record({ patientId, measuredAt: when, values: [{ code: "SBP", value: 120, unit: "mmol/L" }] }))).toEqual({
      code: "BAD_REQUEST",
      issues: [["values.0.unit", "errors.measurementUnitUnknown"]],
    });
    expect(await issues(c.measurement.record({ patientId, measuredAt: when, values: [{ code: "NOPE", value: 1, unit: "x" }] }))).toEqual({ code: "BAD_REQUEST", issues: [["values.0.code", "errors.indicatorUnknown"]] });
    expect(await issues(c.measurement.record({ patientId, measuredAt: when, values: [{ code: "SBP", value: 120, unit: "mmHg" }, { code: "sbp", value: 121, unit: "mmHg" }] }))).toEqual({
      code: "BAD_REQUEST",
      issues: [["values.1.code", "errors.measurementDuplicateCode"]],
    });
    expect(await outcome(c.measurement.record({ patientId, measuredAt: new Date(Date.now() + 3_600_000), values: [{ code: "SBP", value: 120, unit: "mmHg" }] }))).toBe("BAD_REQUEST");
    expect(await count()).toBe(before);
  });

  it("a BP of 186/112 at a visit is stored (kPa converted) and opens one class-A item; the error text is localised", async () => {
    const c = callerFor(db, hm, tenant.slug);
    const result = await c.measurement.record({ patientId, measuredAt: new Date(Date.now() - 60_000), values: [{ code: "SBP", value: 186, unit: "mmHg" }, { code: "DBP", value: 14.93, unit: "kPa" }, { code: "HR", value: 88, unit: "bpm" }] });
    expect(result.observationIds).toHaveLength(3);
    expect(result.abnormalItems.map((i) => i.class)).toEqual(["A"]);
    const stored = await tdb.selectFrom("observations").select(["value_num", "original_value", "original_unit", "source_kind", "created_by"]).where("id", "=", result.observationIds[1]!).executeTakeFirstOrThrow();
    expect(stored).toEqual({ value_num: expect.closeTo(111.98, 2), original_value: "14.93", original_unit: "kPa", source_kind: "manual", created_by: hm.id });
    const item = await c.abnormal.byId({ itemId: result.abnormalItems[0]!.id });
    expect(item.findings.map((f) => [f.code, Math.round(f.value!), f.rule])).toEqual([["SBP", 186, "A.sbp_180"], ["DBP", 112, "A.dbp_110"]]);
    expect([item.responsible?.id, item.class]).toEqual([hm.id, "A"]);
    const zh = callerFor(db, hm, tenant.slug, "zh-CN");
    await expect(zh.measurement.record({ patientId, measuredAt: new Date(), values: [{ code: "SBP", value: 900, unit: "mmHg" }] })).rejects.toThrow();
  });

  it("offers numeric catalogue indicators with their convertible units", async () => {
    const list = await callerFor(db, hm, tenant.slug).measurement.indicators();
    expect(list.find((i) => i.code === "FPG")).toMatchObject({ unit: "mmol/L", units: expect.arrayContaining(["mmol/L", "mg/dL"]) });
    expect(list.find((i) => i.code === "UPRO")).toBeUndefined();
  });
});
