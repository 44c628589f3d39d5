import { InngestTestEngine } from "@inngest/test";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { deliverReminder } from "@/server/jobs/functions/deliver-reminder";
import type { TReminderCreateInput } from "@/server/shared/dto/reminder";
import { callerFor } from "./caller";
import { createMember } from "./factories";
import { createTestTenant } from "./test-database";

const card = { level: "金卡", validFrom: "2026-01-01", validTo: "2030-12-31" };
let seq = 0;

/** A tenant with a customer-service member who opens cards, records consent and schedules reminders. */
export async function reminderFixture(handle: DatabaseHandle) {
  const tenant = await createTestTenant(handle, "提醒医院");
  const staff: SessionUser = await createMember(handle, tenant.id, "customer_service");
  const caller = callerFor(handle, staff, tenant.slug);
  const db = forTenant(handle.unsafeRoot, tenant.slug);
  // Quiet hours off unless a test turns them on (tests must not depend on the time of day they run).
  await db.updateTable("messaging_settings").set({ quiet_start: "00:00", quiet_end: "00:00", daily_cap: 5 }).execute();

  async function patient(options: { consent?: boolean; email?: boolean } = {}) {
    seq++;
    const phone = `139${String(Date.now() % 100000).padStart(5, "0")}${String(seq).padStart(3, "0")}`;
    const email = `patient${seq}.${Date.now()}@example.org`;
    const opened = await caller.patient.openCard({
      patient: { name: `王${"一二三四五六七八九十"[seq % 10]}`, sex: "female", birthDate: "1970-05-01", phone, ...(options.email === false ? {} : { email }) },
      card,
    });
    if (opened.outcome !== "created") throw new Error("patient not created");
    if (options.consent !== false) await caller.consent.record({ patientId: opened.patientId, purpose: "care", action: "grant", source: "paper_form" });
    return { id: opened.patientId, phone, email };
  }

  /** Creates a reminder through the API and returns the event the outbox holds for it. */
  async function schedule(input: Omit<TReminderCreateInput, "purpose" | "locale"> & Partial<Pick<TReminderCreateInput, "purpose" | "locale">>) {
    const created = await caller.reminder.create({ purpose: "care", locale: "zh-CN", ...input });
    const row = await db
      .selectFrom("outbox_events")
      .select(["id", "event_name", "payload"])
      .where("event_name", "=", "reminder/reminder.scheduled")
      .where(({ eb, ref }) => eb(ref("payload", "->>").key("reminderId"), "=", created.id))
      .executeTakeFirstOrThrow();
    return { reminderId: created.id, event: { id: row.id, name: row.event_name, data: row.payload } };
  }

  return { tenant, staff, caller, db, patient, schedule };
}

type Mock = { id: string; handler: () => unknown };

/** One execution of the delivery function (a fresh engine each time: one engine memoises step results). */
export function runDelivery(event: { id: string; name: string; data: Record<string, unknown> }, steps: Mock[] = []) {
  const mocks = [{ id: "wait-until-due", handler() {} }, ...steps];
  return new InngestTestEngine({ function: deliverReminder.fn }).execute({ events: [event] as never, steps: mocks as never });
}
