import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { handleResultsImport } from "@/server/modules/results/import-endpoint";
import { importFile } from "@/server/modules/results/import/import-file";
import { callerFor, outcome } from "../support/caller";
import { createMember } from "../support/factories";
import { bytes, importContext, patientWithIdentifiers } from "../support/results";
import { createTestTenant, openTestDatabase } from "../support/test-database";

// The procedures behind the results settings pages and the to-match dialog: resolving a queued report
// onto a picked patient, the indicator catalogue (add, edit ranges), API keys (list, last use).

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let admin: SessionUser;
let doctor: SessionUser;
let man: { id: string; cardNumber: string };
let woman: { id: string; cardNumber: string };

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db, "设置医院");
  admin = await createMember(db, tenant.id, "tenant_admin");
  doctor = await createMember(db, tenant.id, "doctor");
  man = await patientWithIdentifiers(db, admin, tenant.slug, { name: "周建国", birthDate: "1970-04-04", sex: "male" });
  woman = await patientWithIdentifiers(db, admin, tenant.slug, { name: "吴丽", birthDate: "1982-09-09", sex: "female" });
});
afterAll(async () => {
  await db.close();
});

const t = () => forTenant(db.unsafeRoot, tenant.slug);
const csv = (lines: string[]) => bytes(lines.join("\n") + "\n");

async function queueOne(mrn: string, reportNo: string, hb: string) {
  const report = await importFile(importContext(db, tenant, admin), { format: "csv", source: "lis-q", channel: "ui", body: csv(["病历号,姓名,体检日期,报告号,项目,结果,单位", `${mrn},周建国,2025-08-01,${reportNo},HB,${hb},g/L`]) });
  expect(report.counts).toMatchObject({ queued: 1, imported: 0 });
  const items = (await callerFor(db, admin, tenant.slug).results.queue({})).items;
  return items.find((i) => i.externalId === reportNo)!;
}

describe("to-match queue: pick a patient", () => {
  it("lists the item masked; resolving writes the observations with the picked patient's ranges, remembers the MRN, audits, closes", async () => {
    const item = await queueOne("MZ-100", "Q-1", "125");
    expect(item).toMatchObject({ nameMasked: "周*国", mrn: "MZ-100", observationCount: 1 });
    const ca = callerFor(db, admin, tenant.slug);
    const resolved = await ca.results.resolveQueueItem({ itemId: item.id, patientId: man.id, rememberMrn: true });
    expect(resolved.patientId).toBe(man.id);
    // HB 125 g/L is low for a man (130–175), through the observation writer's range selection.
    const obs = await t().selectFrom("observations").select(["value_num", "flag", "report_id"]).where("patient_id", "=", man.id).execute();
    expect(obs).toEqual([{ value_num: 125, flag: "L", report_id: resolved.reportId }]);
    const audit = await t().selectFrom("audit_events").select(["patient_id", "details"]).where("action", "=", "results.queue_resolve").execute();
    expect(audit).toEqual([{ patient_id: man.id, details: expect.objectContaining({ itemId: item.id, observations: 1, rememberedMrn: true }) }]);
    expect((await ca.results.queue({})).items.map((i) => i.id)).not.toContain(item.id);
    expect(await outcome(ca.results.resolveQueueItem({ itemId: item.id, patientId: woman.id, rememberMrn: false }))).toBe("BAD_REQUEST");

    // The remembered MRN matches the next report of that source by itself.
    const next = await importFile(importContext(db, tenant, admin), { format: "csv", source: "lis-q", channel: "ui", body: csv(["病历号,体检日期,报告号,项目,结果,单位", "MZ-100,2025-09-01,Q-2,HB,140,g/L"]) });
    expect(next.rows[0]).toMatchObject({ outcome: "imported", matchedBy: "mrn", patientId: man.id });
  });

  it("the same value is normal for a woman: the flag follows the patient picked; a discarded item writes nothing", async () => {
    const item = await queueOne("MZ-200", "Q-3", "125");
    await callerFor(db, admin, tenant.slug).results.resolveQueueItem({ itemId: item.id, patientId: woman.id, rememberMrn: false });
    expect(await t().selectFrom("observations").select(["flag"]).where("patient_id", "=", woman.id).execute()).toEqual([{ flag: null }]);
    expect(await t().selectFrom("patient_external_ids").select("id").where("patient_id", "=", woman.id).execute()).toEqual([]);
    const other = await queueOne("MZ-300", "Q-4", "99");
    const before = Number((await t().selectFrom("observations").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
    await callerFor(db, admin, tenant.slug).results.discardQueueItem({ itemId: other.id });
    expect(Number((await t().selectFrom("observations").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n)).toBe(before);
    expect(await outcome(callerFor(db, admin, tenant.slug).results.resolveQueueItem({ itemId: other.id, patientId: woman.id, rememberMrn: false }))).toBe("BAD_REQUEST");
  });
});

describe("indicator catalogue", () => {
  const lpa = {
    code: "LPA",
    loinc: "10835-7",
    nameZh: "脂蛋白(a)",
    nameEn: "Lipoprotein(a)",
    category: "lipids",
    unit: "mg/L",
    valueType: "numeric" as const,
    decimals: 0,
    plausibleMin: 0,
    plausibleMax: 5000,
    normalValues: [],
    ranges: [{ sex: "any" as const, ageMin: 0, ageMax: null, low: null, high: 300, criticalLow: null, criticalHigh: null }],
    conversions: [{ unit: "mg/dL", factor: 10, shift: 0 }],
  };

  it("an admin adds an indicator; imports use it at once, converted and flagged; the code cannot be taken twice", async () => {
    const ca = callerFor(db, admin, tenant.slug);
    const { id } = await ca.results.createIndicator(lpa);
    expect((await ca.results.catalogue()).find((i) => i.id === id)).toMatchObject({ code: "LPA", unit: "mg/L", ranges: [{ high: 300 }], conversions: [{ unit: "mg/dL", factor: 10 }] });
    const report = await importFile(importContext(db, tenant, admin), { format: "csv", source: "lis-c", channel: "ui", body: csv(["卡号,体检日期,报告号,项目,结果,单位", `${man.cardNumber},2025-10-01,C-1,LPA,45,mg/dL`]) });
    expect(report.status).toBe("committed");
    const obs = await t().selectFrom("observations").select(["value_num", "flag", "original_unit"]).where("indicator_id", "=", id).execute();
    expect(obs).toEqual([{ value_num: 450, flag: "H", original_unit: "mg/dL" }]);
    expect(await outcome(ca.results.createIndicator(lpa))).toBe("CONFLICT");
    const audit = await t().selectFrom("audit_events").select("details").where("action", "=", "results.indicator_create").execute();
    expect(audit).toEqual([{ details: { code: "LPA" } }]);
  });

  it("edits ranges by sex and age band; the next import flags by them; bad ranges are refused and change nothing", async () => {
    const ca = callerFor(db, admin, tenant.slug);
    const ua = (await ca.results.catalogue()).find((i) => i.code === "UA")!;
    const band = (sex: "male" | "female", ageMin: number, ageMax: number | null, high: number) => ({ sex, ageMin, ageMax, low: 150, high, criticalLow: null, criticalHigh: null });
    await ca.results.updateRanges({ indicatorId: ua.id, ranges: [band("male", 0, 60, 400), band("male", 60, null, 450), band("female", 0, null, 350)] });
    expect((await ca.results.catalogue()).find((i) => i.code === "UA")!.ranges).toHaveLength(3);
    const report = await importFile(importContext(db, tenant, admin), { format: "csv", source: "lis-c", channel: "ui", body: csv(["卡号,体检日期,报告号,项目,结果,单位", `${man.cardNumber},2025-10-02,C-2,UA,420,μmol/L`, `${woman.cardNumber},2025-10-02,C-3,UA,340,μmol/L`]) });
    expect(report.status).toBe("committed");
    const flags = await t().selectFrom("observations").select(["patient_id", "flag", "ref_high"]).where("indicator_id", "=", ua.id).execute();
    expect(flags).toEqual(expect.arrayContaining([{ patient_id: man.id, flag: "H", ref_high: 400 }, { patient_id: woman.id, flag: null, ref_high: 350 }]));

    for (const [ranges, key] of [
      [[band("male", 0, 60, 400), band("male", 50, null, 450)], "errors.rangesOverlap"],
      [[{ ...band("female", 0, null, 350), low: 400 }], "errors.rangeBounds"],
      [[{ ...band("female", 0, null, 350), criticalHigh: 300 }], "errors.rangeBounds"],
      [[{ sex: "any" as const, ageMin: 0, ageMax: null, low: null, high: null, criticalLow: null, criticalHigh: null }], "errors.rangeNoBound"],
    ] as const) {
      await expect(ca.results.updateRanges({ indicatorId: ua.id, ranges: [...ranges] })).rejects.toThrow(key);
    }
    expect((await ca.results.catalogue()).find((i) => i.code === "UA")!.ranges).toHaveLength(3);
    const audit = await t().selectFrom("audit_events").select("details").where("action", "=", "results.ranges_update").execute();
    expect(audit).toEqual([{ details: { code: "UA", ranges: 3 } }]);
  });

  it("only catalogue admins change it; everyone with results access reads it", async () => {
    const cd = callerFor(db, doctor, tenant.slug);
    expect((await cd.results.catalogue()).length).toBeGreaterThanOrEqual(48);
    expect(await outcome(cd.results.createIndicator({ ...lpa, code: "LPA2" }))).toBe("FORBIDDEN");
    const hb = (await cd.results.catalogue()).find((i) => i.code === "HB")!;
    expect(await outcome(cd.results.updateRanges({ indicatorId: hb.id, ranges: [] }))).toBe("FORBIDDEN");
  });
});

describe("API keys page", () => {
  it("lists keys with prefix, scopes and last use; create, rotate and revoke are audited without the secret", async () => {
    const ca = callerFor(db, admin, tenant.slug);
    const created = await ca.apiKey.create({ name: "体检系统", scopes: ["results.import"] });
    let row = (await ca.apiKey.list()).find((k) => k.id === created.id)!;
    expect(row).toMatchObject({ name: "体检系统", scopes: ["results.import"], lastUsedAt: null, revokedAt: null });
    expect(created.key.startsWith(`${row.prefix}_`)).toBe(true);
    const res = await handleResultsImport(
      db,
      new Request("http://localhost/api/v1/results/import?source=pe", { method: "POST", headers: { authorization: `Bearer ${created.key}`, "content-type": "text/csv" }, body: `卡号,体检日期,报告号,项目,结果,单位\n${woman.cardNumber},2025-11-01,K-1,HR,72,/min\n` }),
    );
    expect(res.status).toBe(200);
    row = (await ca.apiKey.list()).find((k) => k.id === created.id)!;
    expect(row.lastUsedAt).toBeInstanceOf(Date);

    const rotated = await ca.apiKey.rotate({ id: created.id });
    await ca.apiKey.revoke({ id: rotated.id });
    const listed = await ca.apiKey.list();
    expect(listed.find((k) => k.id === created.id)!.revokedAt).toBeInstanceOf(Date);
    expect(listed.find((k) => k.id === rotated.id)!.revokedAt).toBeInstanceOf(Date);
    expect(await outcome(ca.apiKey.revoke({ id: rotated.id }))).toBe("NOT_FOUND");
    const audit = await t().selectFrom("audit_events").select(["action", "details"]).where("action", "in", ["apikey.create", "apikey.rotate", "apikey.revoke", "results.import"]).where("actor_role", "in", ["tenant_admin", "api_key"]).orderBy("seq").execute();
    expect(audit.map((a) => a.action)).toEqual(["apikey.create", "results.import", "apikey.rotate", "apikey.revoke"]);
    expect(JSON.stringify(audit)).not.toContain(created.key.replace(/^cpk_[a-z0-9]{16}_/, ""));
    expect(await outcome(callerFor(db, doctor, tenant.slug).apiKey.list())).toBe("FORBIDDEN");
  });
});
