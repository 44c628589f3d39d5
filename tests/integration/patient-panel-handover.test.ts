import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { callerFor, outcome } from "../support/caller";
import { createMember } from "../support/factories";
import { createTestTenant, openTestDatabase } from "../support/test-database";

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let admin: SessionUser;
let leaving: SessionUser;
let staying: SessionUser;

beforeAll(async () => {
  db = await openTestDatabase();
  tenant = await createTestTenant(db, "交接医院");
  admin = await createMember(db, tenant.id, "tenant_admin");
  leaving = await createMember(db, tenant.id, "health_manager");
  staying = await createMember(db, tenant.id, "health_manager");
});
afterAll(async () => {
  await db.close();
});

describe("handover when a health manager leaves", () => {
  it("a deactivated manager still appears as a handover source; the whole panel moves with its open tasks and the reason is recorded", async () => {
    const adm = callerFor(db, admin, tenant.slug);
    const ids: string[] = [];
    for (const name of ["甲一", "甲二", "甲三"]) {
      const r = await adm.patient.openCard({ patient: { name, birthDate: "1972-02-02", sex: "male" }, card: { level: "银卡", validFrom: "2026-01-01", validTo: "2027-01-01" }, managerUserId: leaving.id });
      if (r.outcome !== "created") throw new Error("expected created");
      ids.push(r.patientId);
    }
    await adm.staff.setStatus({ userId: leaving.id, status: "deactivated" });
    // The pickers of active managers no longer offer them, but the handover source list does.
    expect((await adm.panel.managers({})).map((m) => m.id)).toEqual([staying.id]);
    expect(await adm.panel.owners()).toEqual([{ id: leaving.id, name: expect.any(String), activePatients: 3, active: false }]);
    expect(await outcome(callerFor(db, staying, tenant.slug).panel.owners())).toBe("FORBIDDEN");
    // Not to a former member, not without a reason.
    expect(await outcome(adm.panel.reassignAll({ fromUserId: staying.id, toUserId: leaving.id, reason: "x" }))).toBe("BAD_REQUEST");
    expect(await outcome(adm.panel.reassignAll({ fromUserId: leaving.id, toUserId: staying.id, reason: " " }))).toBe("BAD_REQUEST");

    expect(await adm.panel.reassignAll({ fromUserId: leaving.id, toUserId: staying.id, reason: "离职交接" })).toEqual({ moved: 3 });
    expect(await adm.panel.owners()).toEqual([{ id: staying.id, name: expect.any(String), activePatients: 3, active: true }]);
    const s = callerFor(db, staying, tenant.slug);
    expect((await s.patient.list({})).items.map((p) => p.id).sort()).toEqual([...ids].sort());
    expect((await s.worklist.mine({})).filter((t) => ids.includes(t.patient.id))).toHaveLength(6);
    const tasks = await s.worklist.forPatient({ patientId: ids[0]! });
    expect(tasks.map((t) => [t.kind, t.mine])).toEqual([
      ["first_contact", true],
      ["complete_health_record", true],
    ]);

    const tdb = forTenant(db.unsafeRoot, tenant.slug);
    const moves = await tdb.selectFrom("patient_assignments").select(["patient_id", "from_user_id", "to_user_id", "reason", "actor_user_id"]).where("from_user_id", "=", leaving.id).execute();
    expect(moves.map((m) => [m.to_user_id, m.reason, m.actor_user_id])).toEqual(ids.map(() => [staying.id, "离职交接", admin.id]));
    const audit = await tdb.selectFrom("audit_events").select(["action", "purpose", "details"]).where("action", "=", "panel.reassign_all").execute();
    expect(audit).toEqual([{ action: "panel.reassign_all", purpose: "离职交接", details: { toUserId: staying.id, patientIds: expect.arrayContaining(ids) } }]);
    const timeline = await s.patient.timeline({ patientId: ids[0]! });
    expect(timeline.items[0]).toMatchObject({ kind: "panel.assigned", details: { fromUserId: leaving.id, toUserId: staying.id } });
  });
});
