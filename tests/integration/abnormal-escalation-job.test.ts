import { InngestTestEngine } from "@inngest/test";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import { recordAbnormalFindings } from "@/server/modules/abnormal/abnormal-findings.writer";
import { callerFor } from "../support/caller";
import { createMember } from "../support/factories";
import { createFakeInngest } from "../support/fake-inngest";
import { createIsolatedDatabase, createTestTenant, systemActor } from "../support/test-database";

// The Inngest client reads its configuration when it is created.
const fake = await createFakeInngest();
vi.stubEnv("INNGEST_BASE_URL", fake.url);
vi.stubEnv("INNGEST_EVENT_KEY", "escalation-test-key");

const { useDatabase } = await import("@/server/tenancy/database");
const { escalateAbnormalResults } = await import("@/server/jobs/functions/escalate-abnormal-results");

let isolated: Awaited<ReturnType<typeof createIsolatedDatabase>>;
let handle: DatabaseHandle;

beforeAll(async () => {
  // The sweep visits every tenant: a database no other test file writes to.
  isolated = await createIsolatedDatabase();
  handle = await isolated.open();
  useDatabase(handle);
});
afterAll(async () => {
  await fake.close();
  await handle?.close();
  await isolated?.drop();
  vi.unstubAllEnvs();
});

describe("escalate-abnormal-results (cron function)", () => {
  it("escalates an overdue class-A item to the department lead once, however often it runs; suspended tenants are skipped", async () => {
    const tenant = await createTestTenant(handle, "升级医院");
    const suspended = await createTestTenant(handle, "停用医院");
    const admin = await createMember(handle, tenant.id, "tenant_admin");
    const hm = await createMember(handle, tenant.id, "health_manager");
    const lead = await createMember(handle, tenant.id, "doctor");
    const db = forTenant(handle.unsafeRoot, tenant.slug);
    const ca = callerFor(handle, admin, tenant.slug);
    const departmentId = (await ca.department.create({ name: "内分泌科" })).id;
    await ca.department.setLead({ id: departmentId, leadUserId: lead.id });
    const opened = await ca.patient.openCard({
      patient: { name: "李秀英", birthDate: "1958-02-03", sex: "female" },
      card: { level: "银卡", validFrom: "2026-01-01", validTo: "2027-01-01" },
      managerUserId: hm.id,
      departmentId,
    });
    if (opened.outcome !== "created") throw new Error("expected created");
    const patient = await db.selectFrom("patients").select(["id", "manager_user_id", "department_id"]).where("id", "=", opened.patientId).executeTakeFirstOrThrow();
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    const glucose = { observationId: uuidv7(), code: "GLU", value: 2.8, sex: "female" as const, name: "随机血糖", nameEn: null, unit: "mmol/L", observedAt: twoDaysAgo };
    const [item] = await db.transaction().execute((trx) => recordAbnormalFindings(trx, { ...systemActor, tenantId: tenant.id }, { tenantId: tenant.id, patient, results: [glucose], source: "manual", foundAt: twoDaysAgo }));
    await handle.control.updateTable("tenants").set({ status: "suspended" }).where("id", "=", suspended.id).execute();

    const first = await new InngestTestEngine({ function: escalateAbnormalResults }).execute();
    expect(first.result).toEqual({ tenants: 1, escalated: 1 });
    const second = await new InngestTestEngine({ function: escalateAbnormalResults }).execute();
    expect(second.result).toEqual({ tenants: 1, escalated: 0 });

    const row = await db.selectFrom("abnormal_items").select(["class", "status", "escalated_to_user_id", "escalated_at"]).where("id", "=", item!.id).executeTakeFirstOrThrow();
    expect([row.class, row.status, row.escalated_to_user_id, row.escalated_at !== null]).toEqual(["A", "open", lead.id, true]);
    const events = await db.selectFrom("abnormal_item_events").select("kind").where("item_id", "=", item!.id).orderBy("occurred_at").execute();
    expect(events.map((e) => e.kind)).toEqual(["created", "escalated"]);
  });
});
