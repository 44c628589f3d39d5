import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { makeIdNumber } from "@/server/modules/patient/rules/id-number";
import { importFile } from "@/server/modules/results/import/import-file";
import { createMember } from "../support/factories";
import { bytes, fixture, importContext, patientWithIdentifiers } from "../support/results";
import { createTestTenant, openTestDatabase } from "../support/test-database";

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let other: { id: string; slug: string };
let doctor: SessionUser;
let zhang: { id: string; cardNumber: string; idNumber: string };
let li: { id: string; cardNumber: string; idNumber: string };
let foreign: { id: string; cardNumber: string; idNumber: string };

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db, "导入医院");
  other = await createTestTenant(db, "他院");
  const admin = await createMember(db, tenant.id, "tenant_admin");
  doctor = await createMember(db, tenant.id, "doctor");
  zhang = await patientWithIdentifiers(db, admin, tenant.slug, { name: "张三丰", birthDate: "1976-05-01", sex: "male" });
  li = await patientWithIdentifiers(db, admin, tenant.slug, { name: "李四", birthDate: "1985-07-20", sex: "female" });
  const otherAdmin = await createMember(db, other.id, "tenant_admin");
  foreign = await patientWithIdentifiers(db, otherAdmin, other.slug, { name: "外院患者", birthDate: "1970-01-01", sex: "male" });
});
afterAll(async () => {
  await db.close();
});

const t = () => forTenant(db.unsafeRoot, tenant.slug);
const count = async (table: "observations" | "exam_reports" | "results_match_queue") => Number((await t().selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
const csv = (lines: string[]) => bytes(lines.join("\n") + "\n");

describe("CSV import (one row per observation)", () => {
  const file = () => [
    "卡号,体检日期,报告号,项目,结果,单位,参考范围",
    `${zhang.cardNumber},2025-05-10,R-1,FPG,126,mg/dL,`,
    `${zhang.cardNumber},2025-05-10,R-1,TC,5.9,mmol/L,<5.2`,
    `${zhang.cardNumber},2025-05-10,R-1,ALT,45,U/L,`,
  ];

  it("imports, matches by card number, normalises units and reports every row", async () => {
    const report = await importFile(importContext(db, tenant, doctor), { format: "csv", body: csv(file()), source: "lis-a", channel: "ui" });
    expect(report.status).toBe("committed");
    expect(report.counts).toMatchObject({ rows: 3, imported: 3, queued: 0, rejected: 0, reports: 1, observations: 3 });
    expect(report.rows.map((r) => [r.rowNo, r.outcome, r.matchedBy])).toEqual([[2, "imported", "cardNo"], [3, "imported", "cardNo"], [4, "imported", "cardNo"]]);
    const obs = await t().selectFrom("observations as o").innerJoin("indicators as i", "i.id", "o.indicator_id").select(["i.code", "o.value_num", "o.flag", "o.range_source", "o.original_unit"]).where("o.patient_id", "=", zhang.id).orderBy("i.code").execute();
    expect(obs.map((o) => [o.code, o.flag, o.range_source])).toEqual([["ALT", null, "default"], ["FPG", "H", "default"], ["TC", "H", "lab"]]);
    expect(obs.find((o) => o.code === "FPG")!.value_num).toBeCloseTo(6.99, 2);
    const audit = await t().selectFrom("audit_events").select(["action", "details"]).where("action", "=", "results.import").where("resource_id", "=", report.batchId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ imported: 3, observations: 3 });
  });

  it("re-importing the same file changes nothing", async () => {
    const before = [await count("observations"), await count("exam_reports")];
    const report = await importFile(importContext(db, tenant, doctor), { format: "csv", body: csv(file()), source: "lis-a", channel: "ui" });
    expect(report.status).toBe("committed");
    expect(report.counts).toMatchObject({ imported: 0, unchanged: 3, observations: 0 });
    expect(report.rows[0]).toMatchObject({ outcome: "unchanged", reason: "reportExists" });
    expect([await count("observations"), await count("exam_reports")]).toEqual(before);
  });

  it("is all or nothing: one bad row (SBP 900, wrong unit, duplicate, unknown indicator) rejects the file with row reasons", async () => {
    const before = [await count("observations"), await count("exam_reports"), await count("results_match_queue")];
    const report = await importFile(importContext(db, tenant, doctor), {
      format: "csv",
      source: "lis-a",
      channel: "ui",
      body: csv([
        "卡号,体检日期,报告号,项目,结果,单位",
        `${li.cardNumber},2025-06-01,R-2,SBP,128,mmHg`,
        `${li.cardNumber},2025-06-01,R-2,SBP,900,mmHg`,
        `${li.cardNumber},2025-06-01,R-2,FPG,5.1,g/L`,
        `${li.cardNumber},2025-06-01,R-2,SBP,130,mmHg`,
        `${li.cardNumber},2025-06-01,R-2,XYZ,1,`,
        `12345,2025-06-01,R-3,HR,70,/min`,
        `${foreign.cardNumber},2025-06-01,R-4,HR,70,/min`,
      ]),
    });
    expect(report.status).toBe("rejected");
    const reasons = Object.fromEntries(report.rows.filter((r) => r.outcome === "rejected").map((r) => [r.rowNo, r.reason]));
    expect(reasons).toEqual({ 3: "valueImplausible", 4: "unitUnknown", 5: "duplicateObservation", 6: "indicatorUnknown", 7: "cardNumberInvalid" });
    // Another tenant's (valid) card number is simply unknown here: it would wait in the to-match queue.
    expect(report.rows.find((r) => r.rowNo === 8)).toMatchObject({ outcome: "queued" });
    expect([await count("observations"), await count("exam_reports"), await count("results_match_queue")]).toEqual(before);
    const batch = await t().selectFrom("import_batches").selectAll().where("id", "=", report.batchId).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ status: "rejected", rows_rejected: 5 });
  });

  it("refuses our own patient id from another tenant as a row-level reason", async () => {
    const report = await importFile(importContext(db, tenant, doctor), { format: "csv", source: "lis-a", channel: "ui", body: csv(["patient_id,date,indicator,value,unit", `${foreign.id},2025-06-01,HR,70,/min`]) });
    expect(report.status).toBe("rejected");
    expect(report.rows[0]).toMatchObject({ rowNo: 2, outcome: "rejected", reason: "patientNotInTenant" });
  });

  it("queues rows whose patient is unknown, sealed, and re-import of a queued report changes nothing", async () => {
    const idNo = makeIdNumber("110105", "1990-03-07", 2);
    const lines = ["身份证号,姓名,体检日期,项目,结果,单位", `${idNo},王五,2025-07-01,FPG,5.2,mmol/L`, `${idNo},王五,2025-07-01,HB,140,g/L`];
    const report = await importFile(importContext(db, tenant, doctor), { format: "csv", source: "lis-b", channel: "ui", body: csv(lines) });
    expect(report.status).toBe("committed");
    expect(report.counts).toMatchObject({ queued: 2, imported: 0 });
    const items = await t().selectFrom("results_match_queue").selectAll().where("batch_id", "=", report.batchId).execute();
    expect(items).toHaveLength(1);
    expect(items[0]!.observation_count).toBe(2);
    expect(items[0]!.payload_sealed).not.toContain("王五");
    expect(items[0]!.payload_sealed).not.toContain(idNo);
    expect(items[0]!.id_number_bidx).toBeTruthy();
    const again = await importFile(importContext(db, tenant, doctor), { format: "csv", source: "lis-b", channel: "ui", body: csv(lines) });
    expect(again.counts).toMatchObject({ unchanged: 2, queued: 0 });
    expect(await t().selectFrom("results_match_queue").select("id").where("external_id", "=", items[0]!.external_id).execute()).toHaveLength(1);
  });

  it("one row per report with indicator columns (wide layout, units in the headers), matched by ID number", async () => {
    const report = await importFile(importContext(db, tenant, doctor), {
      format: "csv",
      source: "lis-wide",
      channel: "ui",
      body: csv(["身份证号,体检日期,收缩压(mmHg),舒张压(mmHg),空腹血糖(mg/dL),尿蛋白", `${li.idNumber},2024/3/5,150,95,99,2+`]),
    });
    expect(report.status).toBe("committed");
    expect(report.rows[0]).toMatchObject({ outcome: "imported", matchedBy: "idNumber", observations: 4 });
    const obs = await t().selectFrom("observations as o").innerJoin("indicators as i", "i.id", "o.indicator_id").select(["i.code", "o.flag", "o.value_text"]).where("o.source_id", "=", report.batchId).orderBy("i.code").execute();
    expect(obs.map((o) => [o.code, o.flag])).toEqual([["DBP", "H"], ["FPG", null], ["SBP", "H"], ["UPRO", "A"]]);
  });

  it("refuses a file over the size limit with a clear file-level reason", async () => {
    const report = await importFile(importContext(db, tenant, doctor), { format: "csv", source: "x", channel: "ui", body: csv(["a,b", "1,2", "3,4"]), maxBytes: 5 });
    expect(report).toMatchObject({ status: "rejected", fileError: { reason: "tooLarge" } });
  });
});

describe("HL7 v2 ORU^R01", () => {
  it("imports repeated OBX with ranges, flags, notes and missing units; skips X results; matched by ID number", async () => {
    const msg = fixture("oru-lipids.hl7").replace("{IDNO}", zhang.idNumber);
    const report = await importFile(importContext(db, tenant, doctor), { format: "hl7v2", source: null, channel: "api", body: bytes(msg) });
    expect(report.status).toBe("committed");
    expect(report.counts).toMatchObject({ rows: 6, imported: 6, reports: 1, observations: 6 });
    expect(report.rows.every((r) => r.matchedBy === "idNumber")).toBe(true);
    const rep = await t().selectFrom("exam_reports").selectAll().where("external_id", "=", "FIL-5001").executeTakeFirstOrThrow();
    expect(rep).toMatchObject({ source: "hl7:LIS@RIVERSIDE", patient_id: zhang.id, doctor: "王医生" });
    expect(rep.conclusion_sealed).toBeTruthy();
    const obs = await t().selectFrom("observations as o").innerJoin("indicators as i", "i.id", "o.indicator_id").select(["i.code", "o.flag", "o.ref_high", "o.ref_low", "o.range_source", "o.note_sealed", "o.original_value", "o.original_unit"]).where("o.report_id", "=", rep.id).orderBy("i.code").execute();
    const by = Object.fromEntries(obs.map((o) => [o.code, o]));
    expect(by.TC).toMatchObject({ flag: "H", ref_high: 5.2, range_source: "lab" });
    expect(by.HDLC).toMatchObject({ flag: "L", ref_low: 1.04, original_unit: null });
    expect(by.LDLC!.note_sealed).toBeTruthy();
    expect(by.AFP).toMatchObject({ original_value: "<0.5", flag: null });
    expect(by.UPRO).toMatchObject({ flag: null });
    expect(by.K).toBeUndefined();
  });

  it("accepts \\n line ends and GB18030 text; rejects malformed segments with the segment's line number", async () => {
    const iconv = (await import("iconv-lite")).default;
    const msg = ["MSH|^~\\&|LIS2|H2|||20260101||ORU^R01|M2|P|2.5.1||||||GB 18030-2000", `PID|1||${li.cardNumber}^^^H2^MB||李^四`, "OBR|1||GB-1||||20260101080000", "OBX|1|NM|718-7^血红蛋白^LN||118|g/L|115-150||||F"].join("\n");
    const ok = await importFile(importContext(db, tenant, doctor), { format: "hl7v2", source: null, channel: "api", body: (async function* () { yield iconv.encode(msg, "gb18030"); })() });
    expect(ok.rows.filter((r) => r.outcome === "rejected")).toEqual([]);
    expect(ok.status).toBe("committed");
    expect(ok.rows[0]).toMatchObject({ rowNo: 4, outcome: "imported", matchedBy: "cardNo" });
    const bad = ["MSH|^~\\&|LIS2|H2|||20260101||ORU^R01|M3|P|2.5.1", `PID|1||${li.cardNumber}^^^H2^MB`, "OBR|1||GB-2||||20260101080000", "OBX|1|NM|718-7^血红蛋白^LN||118|g/L", "OB X broken", "OBX|2|NM|||5|"].join("\r");
    const rejected = await importFile(importContext(db, tenant, doctor), { format: "hl7v2", source: null, channel: "api", body: bytes(bad) });
    expect(rejected.status).toBe("rejected");
    expect(rejected.rows.filter((r) => r.outcome === "rejected").map((r) => [r.rowNo, r.reason])).toEqual([[5, "hl7SegmentMalformed"], [6, "hl7ObxNoCode"]]);
    expect(await t().selectFrom("exam_reports").select("id").where("external_id", "=", "GB-2").execute()).toHaveLength(0);
  });

  it("refuses a message that is not ORU^R01", async () => {
    const report = await importFile(importContext(db, tenant, doctor), { format: "hl7v2", source: null, channel: "api", body: bytes("MSH|^~\\&|A|B|||20260101||ADT^A01|M4|P|2.5.1\rPID|1||X") });
    expect(report).toMatchObject({ status: "rejected", fileError: { reason: "hl7NotOru" } });
  });
});

describe("FHIR R4 Bundle", () => {
  it("imports DiagnosticReport + Observations (valueQuantity, referenceRange, interpretation, components), matched by card number", async () => {
    const bundle = fixture("fhir-bundle.json").replace("{CARD}", li.cardNumber);
    const report = await importFile(importContext(db, tenant, doctor), { format: "fhir", source: "fhir-lis", channel: "api", body: bytes(bundle) });
    expect(report.status).toBe("committed");
    expect(report.counts).toMatchObject({ rows: 3, imported: 3, reports: 1, observations: 4 });
    const rep = await t().selectFrom("exam_reports").selectAll().where("external_id", "=", "DR-2026-0042").executeTakeFirstOrThrow();
    expect(rep).toMatchObject({ patient_id: li.id, department: "检验科", doctor: "赵医生" });
    const obs = await t().selectFrom("observations as o").innerJoin("indicators as i", "i.id", "o.indicator_id").select(["i.code", "o.value_num", "o.flag", "o.ref_low", "o.ref_high"]).where("o.report_id", "=", rep.id).orderBy("i.code").execute();
    expect(obs.map((o) => [o.code, o.value_num, o.flag])).toEqual([["DBP", 88, null], ["HB", 108, "L"], ["PLT", 210, null], ["SBP", 142, "H"]]);
    expect(obs.find((o) => o.code === "HB")).toMatchObject({ ref_low: 115, ref_high: 150 });
  });

  it("rejects resources of unexpected types with the entry's position", async () => {
    const bundle = JSON.parse(fixture("fhir-bundle.json").replace("{CARD}", li.cardNumber).replace("DR-2026-0042", "DR-2026-0043")) as { entry: unknown[] };
    bundle.entry.push({ resource: { resourceType: "MedicationRequest", status: "active" } });
    const report = await importFile(importContext(db, tenant, doctor), { format: "fhir", source: "fhir-lis", channel: "api", body: bytes(JSON.stringify(bundle)) });
    expect(report.status).toBe("rejected");
    expect(report.rows.find((r) => r.outcome === "rejected")).toMatchObject({ rowNo: 6, reason: "fhirUnexpectedResource", params: { type: "MedicationRequest" } });
    expect(await t().selectFrom("exam_reports").select("id").where("external_id", "=", "DR-2026-0043").execute()).toHaveLength(0);
  });
});
