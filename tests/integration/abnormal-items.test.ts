import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import { forTenant, type TenantDb } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { recordAbnormalFindings, type WrittenResult } from "@/server/modules/abnormal/abnormal-findings.writer";
import { escalateOverdueItems } from "@/server/modules/abnormal/abnormal-escalation.service";
import { callerFor, outcome } from "../support/caller";
import { createMember } from "../support/factories";
import { createTestTenant, openTestDatabase, systemActor } from "../support/test-database";

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let tdb: TenantDb;
let admin: SessionUser;
let doctor: SessionUser;
let hm: SessionUser;
let otherHm: SessionUser;
let lead: SessionUser;
let patientId: string;
let departmentId: string;

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db, "异常结果医院");
  tdb = forTenant(db.unsafeRoot, tenant.slug);
  admin = await createMember(db, tenant.id, "tenant_admin");
  doctor = await createMember(db, tenant.id, "doctor");
  hm = await createMember(db, tenant.id, "health_manager");
  otherHm = await createMember(db, tenant.id, "health_manager");
  lead = await createMember(db, tenant.id, "doctor");
  const ca = callerFor(db, admin, tenant.slug);
  departmentId = (await ca.department.create({ name: "心内科" })).id;
  await tdb.updateTable("departments").set({ lead_user_id: lead.id }).where("id", "=", departmentId).execute();
  const opened = await ca.patient.openCard({
    patient: { name: "王建国", birthDate: "1960-05-01", sex: "male" },
    card: { level: "金卡", validFrom: "2026-01-01", validTo: "2027-01-01" },
    managerUserId: hm.id,
    departmentId,
  });
  if (opened.outcome !== "created") throw new Error("expected created");
  patientId = opened.patientId;
});
afterAll(async () => {
  await db.close();
});

function result(code: string, value: number, name: string, unit: string): WrittenResult {
  return { observationId: uuidv7(), code, value, sex: "male", name, nameEn: null, unit, observedAt: new Date("2026-11-28T01:00:00Z") };
}

async function write(results: WrittenResult[], foundAt: Date) {
  const patient = await tdb.selectFrom("patients").select(["id", "manager_user_id", "department_id"]).where("id", "=", patientId).executeTakeFirstOrThrow();
  return tdb.transaction().execute((trx) => recordAbnormalFindings(trx, { ...systemActor, tenantId: tenant.id }, { tenantId: tenant.id, patient, results, source: "manual", foundAt }));
}

describe("abnormal-result items", () => {
  it("one reading with SBP 185 / DBP 112 and LDL-C 4.5 makes one class-A and one class-B item for the patient's manager", async () => {
    const created = await write([result("SBP", 185, "收缩压", "mmHg"), result("DBP", 112, "舒张压", "mmHg"), result("LDLC", 4.5, "低密度脂蛋白胆固醇", "mmol/L"), result("HR", 72, "心率", "/min")], new Date("2026-11-29T02:00:00Z"));
    expect(created.map((c) => c.class)).toEqual(["A", "B"]);
    const rows = await tdb.selectFrom("abnormal_items").selectAll().where("patient_id", "=", patientId).orderBy("class").execute();
    expect(rows.map((r) => [r.class, r.responsible_user_id, r.department_id, r.due_at.toISOString()])).toEqual([
      ["A", hm.id, departmentId, "2026-11-29T16:00:00.000Z"],
      ["B", hm.id, departmentId, "2026-12-06T16:00:00.000Z"],
    ]);
    const findings = await tdb.selectFrom("abnormal_item_observations").select(["item_id", "code", "rule", "value"]).where("item_id", "=", rows[0]!.id).orderBy("position").execute();
    expect(findings.map((f) => [f.code, f.rule, f.value])).toEqual([["SBP", "A.sbp_180", 185], ["DBP", "A.dbp_110", 112]]);
  });

  it("normal results create nothing", async () => {
    expect(await write([result("SBP", 128, "收缩压", "mmHg")], new Date())).toEqual([]);
  });

  it("the worklist lists open items oldest first, within the caller's panel, and audits the read", async () => {
    const list = await callerFor(db, doctor, tenant.slug).abnormal.list({ limit: 50 });
    expect(list.items.map((i) => i.class)).toEqual(["A", "B"]);
    expect(list.items[0]!.patientNameMasked).toBe("王*国");
    expect(list.items[0]!.findings.map((f) => f.code)).toEqual(["SBP", "DBP"]);
    expect((await callerFor(db, hm, tenant.slug).abnormal.list({ limit: 50 })).items).toHaveLength(2);
    expect((await callerFor(db, otherHm, tenant.slug).abnormal.list({ limit: 50 })).items).toHaveLength(0);
    expect((await callerFor(db, doctor, tenant.slug).abnormal.list({ class: "B", limit: 50 })).items.map((i) => i.class)).toEqual(["B"]);
    const page1 = await callerFor(db, doctor, tenant.slug).abnormal.list({ limit: 1 });
    const page2 = await callerFor(db, doctor, tenant.slug).abnormal.list({ limit: 1, cursor: page1.nextCursor! });
    expect([page1.items[0]!.class, page2.items[0]!.class, page2.nextCursor]).toEqual(["A", "B", null]);
    const audits = await tdb.selectFrom("audit_events").select(["action", "details"]).where("action", "=", "abnormal.list").where("actor_user_id", "=", doctor.id).execute();
    expect(audits.length).toBeGreaterThan(0);
    expect(audits[0]!.details).toMatchObject({ patientIds: [patientId] });
  });

  it("another manager's patient's item is NOT_FOUND and the denial is audited", async () => {
    const [item] = (await callerFor(db, doctor, tenant.slug).abnormal.list({ limit: 1 })).items;
    expect(await outcome(callerFor(db, otherHm, tenant.slug).abnormal.byId({ itemId: item!.id }))).toBe("NOT_FOUND");
    expect(await outcome(callerFor(db, otherHm, tenant.slug).abnormal.close({ itemId: item!.id, outcome: "notified" }))).toBe("NOT_FOUND");
    expect(await outcome(callerFor(db, otherHm, tenant.slug).abnormal.forPatient({ patientId }))).toBe("NOT_FOUND");
    const denied = await tdb.selectFrom("audit_events").select("details").where("action", "=", "patient.access_denied").where("actor_user_id", "=", otherHm.id).execute();
    expect(denied.map((d) => d.details)).toEqual(expect.arrayContaining([{ attempted: "abnormal.get" }, { attempted: "abnormal.close" }]));
  });

  it("escalation sends overdue items to the department lead, once", async () => {
    const lateNight = new Date("2026-11-29T16:30:00Z"); // A overdue, B not yet
    expect(await escalateOverdueItems(tdb, tenant.id, lateNight)).toEqual({ escalated: 1 });
    expect(await escalateOverdueItems(tdb, tenant.id, lateNight)).toEqual({ escalated: 0 });
    const a = await tdb.selectFrom("abnormal_items").selectAll().where("patient_id", "=", patientId).where("class", "=", "A").executeTakeFirstOrThrow();
    expect([a.escalated_to_user_id, a.escalated_at?.toISOString(), a.status]).toEqual([lead.id, lateNight.toISOString(), "open"]);
    const events = await tdb.selectFrom("abnormal_item_events").select("kind").where("item_id", "=", a.id).orderBy("occurred_at").execute();
    expect(events.map((e) => e.kind)).toEqual(["created", "escalated"]);
    const audit = await tdb.selectFrom("audit_events").select(["actor_role", "patient_id"]).where("action", "=", "abnormal.escalate").execute();
    expect(audit).toEqual([{ actor_role: "system", patient_id: patientId }]);
    // A week later the B item escalates too, once.
    const later = new Date("2026-12-07T00:00:00Z");
    expect(await escalateOverdueItems(tdb, tenant.id, later)).toEqual({ escalated: 1 });
    expect(await escalateOverdueItems(tdb, tenant.id, later)).toEqual({ escalated: 0 });
    const item = (await callerFor(db, lead, tenant.slug).abnormal.list({ mine: true, limit: 50 })).items;
    expect(item.map((i) => [i.class, i.escalatedTo?.id, i.overdue])).toEqual(item.map((i) => [i.class, lead.id, i.dueAt.getTime() <= Date.now()]));
    expect(item.map((i) => i.class)).toEqual(["A", "B"]);
  });

  it("closing needs a note for diagnosed/declined, seals it, closes once, and records history", async () => {
    const hmCaller = callerFor(db, hm, tenant.slug);
    const [itemA] = (await hmCaller.abnormal.list({ class: "A", limit: 1 })).items;
    expect(await outcome(hmCaller.abnormal.close({ itemId: itemA!.id, outcome: "diagnosed" }))).toBe("BAD_REQUEST");
    expect(await outcome(callerFor(db, admin, tenant.slug).abnormal.close({ itemId: itemA!.id, outcome: "notified" }))).toBe("FORBIDDEN");
    await hmCaller.abnormal.close({ itemId: itemA!.id, outcome: "diagnosed", note: "复测 182/110，诊断高血压 3 级，已转心内科" });
    const row = await tdb.selectFrom("abnormal_items").selectAll().where("id", "=", itemA!.id).executeTakeFirstOrThrow();
    expect([row.status, row.outcome, row.closed_by]).toEqual(["closed", "diagnosed", hm.id]);
    expect(row.outcome_note_sealed).not.toContain("高血压");
    const detail = await hmCaller.abnormal.byId({ itemId: itemA!.id });
    expect([detail.status, detail.outcomeNote, detail.history.map((h) => h.kind)]).toEqual(["closed", "复测 182/110，诊断高血压 3 级，已转心内科", ["created", "escalated", "closed"]]);
    expect(await outcome(hmCaller.abnormal.close({ itemId: itemA!.id, outcome: "notified" }))).toBe("CONFLICT");
    expect((await hmCaller.abnormal.list({ limit: 50 })).items.map((i) => i.class)).toEqual(["B"]);
    expect((await hmCaller.abnormal.forPatient({ patientId })).map((i) => i.class)).toEqual(["B"]);
    const timeline = await tdb.selectFrom("patient_events").select(["kind", "details"]).where("patient_id", "=", patientId).where("kind", "like", "abnormal.%").execute();
    expect(timeline.map((t) => t.kind).sort()).toEqual(["abnormal.closed", "abnormal.created", "abnormal.created", "abnormal.escalated", "abnormal.escalated"]);
    expect(JSON.stringify(timeline)).not.toContain("高血压");
  });
});
