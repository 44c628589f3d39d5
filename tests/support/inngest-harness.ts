import { InngestTestEngine } from "@inngest/test";
import { vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createFakeInngest } from "./fake-inngest";
import { createIsolatedDatabase } from "./test-database";

type AnyInngestFunction = ConstructorParameters<typeof InngestTestEngine>[0]["function"];

/**
 * Shared set-up for testing Inngest functions with @inngest/test:
 *  - the stand-in event API (tests/support/fake-inngest.ts) and the env the Inngest client reads
 *    WHEN IT IS CREATED — call this before anything imports server/jobs/client.ts (use dynamic
 *    `await import(…)` for the modules under test after it);
 *  - a database of its own (sweeps visit every tenant, so no other test file may write to it),
 *    installed as the process database for the functions.
 *
 *   const harness = await inngestHarness("my-test-key");
 *   const { myFn } = await import("@/server/jobs/functions/my-fn");
 *   beforeAll(harness.start); afterAll(harness.stop);
 *   const run = await harness.run(myFn, { events: [...] });
 */
export async function inngestHarness(eventKey: string) {
  const fake = await createFakeInngest();
  vi.stubEnv("INNGEST_BASE_URL", fake.url);
  vi.stubEnv("INNGEST_EVENT_KEY", eventKey);
  let isolated: Awaited<ReturnType<typeof createIsolatedDatabase>> | undefined;
  let handle: DatabaseHandle | undefined;
  return {
    fake,
    get db(): DatabaseHandle {
      if (!handle) throw new Error("inngestHarness: call start() first");
      return handle;
    },
    async start() {
      const { useDatabase: installDatabase } = await import("@/server/tenancy/database");
      isolated = await createIsolatedDatabase();
      handle = await isolated.open();
      installDatabase(handle);
    },
    async stop() {
      await fake.close();
      await handle?.close();
      await isolated?.drop();
      vi.unstubAllEnvs();
    },
    /** A fresh engine per execution: one engine memoises step results across executions. */
    run(fn: AnyInngestFunction, options?: Parameters<InngestTestEngine["execute"]>[0]) {
      return new InngestTestEngine({ function: fn }).execute(options);
    },
  };
}
