import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { isTenantPermission } from "@/server/shared/permissions";
import { callerFor, outcome } from "../support/caller";
import { createMember } from "../support/factories";
import { daysAgo, openRiskPatient } from "../support/risk-fixtures";
import { invoke, takesId, walkRouter } from "../support/router-walk";
import { createTestTenant, openTestDatabase } from "../support/test-database";

/**
 * Every risk / advice / plan / summary / report procedure that takes an id, called from tenant A with
 * tenant B's ids: NOT_FOUND, and nothing in B changes.
 */
let db: DatabaseHandle;
let a: { id: string; slug: string };
let b: { id: string; slug: string };
let hmA: SessionUser;
let adminA: SessionUser;
const B = {} as { patient: string; plan: string; summary: string; batch: string; template: string };

beforeAll(async () => {
  db = await openTestDatabase({ poolSize: 2 });
  a = await createTestTenant(db, "甲医院");
  b = await createTestTenant(db, "乙医院");
  hmA = await createMember(db, a.id, "health_manager");
  adminA = await createMember(db, a.id, "tenant_admin");
  const adminB = await createMember(db, b.id, "tenant_admin");
  const hmB = await createMember(db, b.id, "health_manager");
  B.patient = await openRiskPatient(db, b, callerFor(db, adminB, b.slug), hmB.id);
  const cb = callerFor(db, hmB, b.slug);
  B.plan = (await cb.plan.create({ patientId: B.patient, kind: "conditioning", title: "乙计划", goals: [{ metric: "sbp", comparator: "lt", target: 130, dueDate: daysAgo(-60) }], tasks: [] })).id;
  B.summary = (await cb.summary.generate({ patientId: B.patient, periodStart: daysAgo(90), periodEnd: daysAgo(0) })).id;
  B.batch = (await cb.report.batch({ patientIds: [B.patient], locale: "zh-CN" })).batchId;
  B.template = (await forTenant(db.unsafeRoot, b.slug).selectFrom("advice_templates").select("id").executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await db.close();
});

async function snapshotB() {
  const t = forTenant(db.unsafeRoot, b.slug);
  return JSON.stringify(
    await Promise.all((["risk_assessments", "advice_templates", "advice_sets", "care_plans", "care_plan_goals", "stage_summaries", "health_reports", "outbox_events"] as const).map((tbl) => t.selectFrom(tbl).selectAll().execute())),
  );
}

const items = [{ templateId: null, category: "diet", title: "x", body: "y" }];
const cases: Record<string, () => unknown> = {
  "risk.overview": () => ({ patientId: B.patient }),
  "advice.propose": () => ({ patientId: B.patient, locale: "zh-CN" }),
  "advice.current": () => ({ patientId: B.patient }),
  "advice.saveDraft": () => ({ patientId: B.patient, items }),
  "advice.publish": () => ({ patientId: B.patient, items }),
  "advice.templates.save": () => ({ id: B.template, category: "diet", titleZh: "改", titleEn: "x", bodyZh: "改", bodyEn: "x", criteria: { always: true }, priority: 1, active: true }),
  "plan.list": () => ({ patientId: B.patient }),
  "plan.create": () => ({ patientId: B.patient, kind: "intervention", title: "x", goals: [{ metric: "sbp", comparator: "lt", target: 130, dueDate: daysAgo(-30) }], tasks: [] }),
  "plan.setStatus": () => ({ planId: B.plan, status: "cancelled" }),
  "summary.list": () => ({ patientId: B.patient }),
  "summary.generate": () => ({ patientId: B.patient, periodStart: daysAgo(30), periodEnd: daysAgo(0) }),
  "summary.update": () => ({ summaryId: B.summary, narrative: "x" }),
  "summary.publish": () => ({ summaryId: B.summary }),
  "report.generate": () => ({ patientId: B.patient, locale: "zh-CN" }),
  "report.batch": () => ({ patientIds: [B.patient], locale: "zh-CN" }),
  "report.batchStatus": () => ({ batchId: B.batch }),
};

describe("risk-domain procedures with another tenant's ids", () => {
  it("the case list covers every risk/advice/plan/summary/report procedure that takes an id", async () => {
    const mine = (await walkRouter())
      .filter((p) => p.meta && isTenantPermission(p.meta.permission) && takesId(p) && /^(risk|advice|plan|summary|report)\./.test(p.path))
      .map((p) => p.path)
      .sort();
    expect(mine).toEqual(Object.keys(cases).sort());
  });

  it.each(Object.keys(cases))("%s from tenant A with tenant B's ids finds nothing and changes nothing in B", async (path) => {
    const before = await snapshotB();
    const as = path === "advice.templates.save" ? adminA : hmA;
    expect(await outcome(invoke(callerFor(db, as, a.slug), path, cases[path]!()))).toBe("NOT_FOUND");
    expect(await snapshotB()).toEqual(before);
  });
});
