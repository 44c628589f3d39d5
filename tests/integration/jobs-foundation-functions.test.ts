import { InngestTestEngine } from "@inngest/test";
import { v7 as uuidv7 } from "uuid";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createFakeInngest } from "../support/fake-inngest";
import { createIsolatedDatabase, createTestTenant } from "../support/test-database";

// The Inngest client reads its configuration when it is created: point it at the stand-in event API
// before anything imports server/jobs/client.ts.
const fake = await createFakeInngest();
vi.stubEnv("INNGEST_BASE_URL", fake.url);
vi.stubEnv("INNGEST_EVENT_KEY", "functions-test-key");

const { useDatabase } = await import("@/server/tenancy/database");
const { relayOutbox } = await import("@/server/jobs/functions/relay-outbox");
const { recordJobFailureFn } = await import("@/server/jobs/functions/record-job-failure");
const { enqueueEvent } = await import("@/server/jobs/outbox");
const { systemTenantById } = await import("@/server/jobs/system-tenant");

let isolated: Awaited<ReturnType<typeof createIsolatedDatabase>>;
let handle: DatabaseHandle;

beforeAll(async () => {
  // The cron relay visits every tenant: give it a database no other test file writes to.
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

describe("outbox-relay (cron function)", () => {
  it("holds events while the event API is down and delivers them on a later tick", async () => {
    const tenant = (await systemTenantById(handle, (await createTestTenant(handle)).id))!;
    const data = { tenantId: tenant.id, patientId: uuidv7() };
    const id = await tenant.db.transaction().execute((trx) => enqueueEvent(trx, "patient/patient.deactivated", data));
    // A fresh engine per tick: one engine memoises step results across executions.
    const down = await new InngestTestEngine({ function: relayOutbox }).execute();
    expect(down.result).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
    await tenant.db.updateTable("outbox_events").set({ available_at: new Date() }).where("id", "=", id).execute();

    await fake.listen();
    const up = await new InngestTestEngine({ function: relayOutbox }).execute();
    expect(up.result).toMatchObject({ claimed: 1, sent: 1, retried: 0 });
    expect(fake.received).toEqual([expect.objectContaining({ id, name: "patient/patient.deactivated", data })]);
    expect(fake.keys).toEqual(["functions-test-key"]);
  });
});

describe("record-job-failure (inngest/function.failed)", () => {
  it("puts the failed run on its tenant's dead-letter list once, with contact data redacted", async () => {
    const tenant = (await systemTenantById(handle, (await createTestTenant(handle)).id))!;
    const original = { id: uuidv7(), name: "reminder/reminder.scheduled", data: { tenantId: tenant.id, reminderId: uuidv7(), patientId: uuidv7() } };
    const failed = {
      name: "inngest/function.failed",
      data: {
        function_id: "carepath-reminder-deliver",
        run_id: "01RUN",
        error: { name: "Error", message: "550 <li.ming@example.com> rejected; sms to +86 138 0013 8000 failed" },
        event: original,
      },
    };
    const first = await new InngestTestEngine({ function: recordJobFailureFn }).execute({ events: [failed] as never });
    expect(first.result).toBe("recorded");
    const repeated = await new InngestTestEngine({ function: recordJobFailureFn }).execute({ events: [failed] as never });
    expect(repeated.result).toBe("recorded");
    const rows = await tenant.db.selectFrom("job_failures").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ function_id: "carepath-reminder-deliver", event_name: original.name, event_id: original.id, payload: original.data, resolved_at: null });
    expect(rows[0]!.error).toBe("Error: 550 <[email]> rejected; sms to [number] failed");
  });

  it("ignores runs that name no known tenant", async () => {
    const t = new InngestTestEngine({ function: recordJobFailureFn });
    const run = await t.execute({
      events: [{ name: "inngest/function.failed", data: { function_id: "x", run_id: "r", error: {}, event: { name: "e", data: { tenantId: uuidv7() } } } }] as never,
    });
    expect(run.result).toBe("no-tenant");
  });
});
