import { getDatabase } from "@/server/tenancy/database";
import { inngestDeliverer } from "./inngest-deliverer";
import type { OutboxDeliverer } from "./relay";
import { relayAllTenants } from "./relay";
import { errorText } from "./redact";

export type JobsExecutor = "inngest" | "inline";

/**
 * JOBS_EXECUTOR chooses where outbox events go: `inngest` (the Inngest server; default in production
 * and whenever INNGEST_DEV or INNGEST_EVENT_KEY is set) or `inline` (this process runs the functions;
 * default in development and tests without an Inngest server).
 */
export function jobsExecutor(env: NodeJS.ProcessEnv = process.env): JobsExecutor {
  if (env.JOBS_EXECUTOR === "inline" || env.JOBS_EXECUTOR === "inngest") return env.JOBS_EXECUTOR;
  if (env.INNGEST_DEV || env.INNGEST_EVENT_KEY || env.NODE_ENV === "production") return "inngest";
  return "inline";
}

async function deliverer(): Promise<OutboxDeliverer> {
  if (jobsExecutor() === "inngest") return inngestDeliverer();
  return (await import("./inline-executor")).inlineExecutor;
}

const holder = globalThis as typeof globalThis & { __carepathRelay?: { stop(): void; kick(): void } };

/**
 * The in-process relay: one pass over every tenant's outbox every OUTBOX_RELAY_INTERVAL_MS
 * (default 2000; 0 turns it off), never two passes at once. Started once per server process by
 * instrumentation.ts. A failing pass is logged (redacted) and the next one tries again.
 */
export function startRelayLoop(intervalMs = Number(process.env.OUTBOX_RELAY_INTERVAL_MS ?? 2000)): void {
  if (holder.__carepathRelay || !(intervalMs > 0)) return;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let stopped = false;
  let lastError = "";
  const pass = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const report = await relayAllTenants(await getDatabase(), await deliverer());
      if (report.retried > 0) console.warn(`[carepath] outbox relay: ${report.retried} event(s) could not be delivered; they stay queued and are retried`);
      lastError = "";
    } catch (error) {
      const text = errorText(error);
      if (text !== lastError) console.error(`[carepath] outbox relay pass failed: ${text}`);
      lastError = text;
    } finally {
      running = false;
      if (!stopped) timer = setTimeout(pass, intervalMs);
      timer?.unref();
    }
  };
  timer = setTimeout(pass, intervalMs);
  timer.unref();
  holder.__carepathRelay = {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    kick() {
      if (timer) clearTimeout(timer);
      void pass();
    },
  };
}

/** Runs a pass soon instead of waiting for the timer (after a change that queued urgent events). */
export function kickRelay(): void {
  holder.__carepathRelay?.kick();
}
