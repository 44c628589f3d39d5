import { getDatabase } from "@/server/tenancy/database";
import { inngest } from "../client";
import { recordJobFailure } from "../dead-letter";
import { systemTenantById } from "../system-tenant";

export interface FailedRun {
  functionId: string;
  runId: string;
  error: { name?: string; message?: string };
  event: { id?: string; name: string; data: Record<string, unknown> };
}

/** Plain function: puts a permanently failed run on its tenant's dead-letter list. */
export async function recordFailedRun(run: FailedRun): Promise<"recorded" | "no-tenant"> {
  const tenantId = typeof run.event.data.tenantId === "string" ? run.event.data.tenantId : null;
  if (!tenantId) return "no-tenant";
  const tenant = await systemTenantById(await getDatabase(), tenantId);
  if (!tenant) return "no-tenant";
  await recordJobFailure(tenant.db, {
    functionId: run.functionId,
    eventName: run.event.name,
    eventId: run.event.id ?? run.runId,
    payload: run.event.data,
    error: `${run.error.name ?? "Error"}: ${run.error.message ?? ""}`,
    attempts: 0,
  });
  return "recorded";
}

/** Every function's final failure (retries exhausted or NonRetriableError) → dead-letter list. */
export const recordJobFailureFn = inngest.createFunction(
  { id: "record-job-failure", triggers: [{ event: "inngest/function.failed" }], retries: 10 },
  async ({ event, step }) =>
    step.run("record", () =>
      recordFailedRun({
        functionId: String(event.data.function_id),
        runId: String(event.data.run_id),
        error: event.data.error as FailedRun["error"],
        event: event.data.event as FailedRun["event"],
      }),
    ),
);
