import { sql } from "kysely";
import type { DatabaseHandle } from "@/db/client";
import type { SystemTenant } from "./system-tenant";
import { systemTenants } from "./system-tenant";
import { errorText } from "./redact";

export interface OutboxRecord {
  id: string;
  name: string;
  data: Record<string, unknown>;
  /** Failed delivery attempts so far (waiting for a sleep does not count). */
  attempts: number;
}

/** What happened to one event: delivered, waiting for a time, to be retried later, or given up. */
export type DeliveryOutcome =
  | { kind: "sent" }
  | { kind: "wait"; until: Date }
  | { kind: "retry"; error: string }
  | { kind: "dead"; error: string };

/** Where the relay hands events to: Inngest's event API, or the in-process executor (development/tests). */
export interface OutboxDeliverer {
  deliver(tenant: SystemTenant, events: OutboxRecord[]): Promise<Map<string, DeliveryOutcome>>;
}

export interface RelayOptions {
  /** Rows claimed per round trip (one HTTP request to Inngest per batch). */
  batchSize?: number;
  /** A claim expires after this long, so rows of a relay that died are picked up again. */
  leaseSeconds?: number;
  /** Seconds to wait before retrying after the n-th failed attempt (default 2^n, at most 300). */
  backoffSeconds?: (attempts: number) => number;
  /** Stop after this many batches per tenant in one pass (keeps one tenant from monopolising a pass). */
  maxBatches?: number;
}

export interface RelayReport {
  claimed: number;
  sent: number;
  waiting: number;
  retried: number;
  dead: number;
}

const emptyReport = (): RelayReport => ({ claimed: 0, sent: 0, waiting: 0, retried: 0, dead: 0 });

export function defaultBackoffSeconds(attempts: number): number {
  return Math.min(300, 2 ** Math.max(0, attempts));
}

/** Claims due pending rows with a lease (short transaction; no lock is held during delivery). */
async function claim(tenant: SystemTenant, batchSize: number, leaseSeconds: number): Promise<OutboxRecord[]> {
  const db = tenant.db;
  const rows = await db
    .updateTable("outbox_events")
    .set({ claimed_until: sql<Date>`now() + make_interval(secs => ${leaseSeconds})` })
    .where("id", "in", (eb) =>
      eb
        .selectFrom("outbox_events")
        .select("id")
        .where("status", "=", "pending")
        .where("available_at", "<=", sql<Date>`now()`)
        .where((w) => w.or([w("claimed_until", "is", null), w("claimed_until", "<", sql<Date>`now()`)]))
        .orderBy("available_at")
        .orderBy("id")
        .limit(batchSize)
        .forUpdate()
        .skipLocked(),
    )
    .returning(["id", "event_name", "payload", "attempts"])
    .execute();
  return rows
    .map((r) => ({ id: r.id, name: r.event_name, data: r.payload, attempts: r.attempts }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

async function settle(tenant: SystemTenant, events: OutboxRecord[], outcomes: Map<string, DeliveryOutcome>, options: Required<RelayOptions>, report: RelayReport) {
  const sent = events.filter((e) => (outcomes.get(e.id) ?? { kind: "retry" }).kind === "sent").map((e) => e.id);
  if (sent.length > 0) {
    await tenant.db
      .updateTable("outbox_events")
      .set({ status: "sent", sent_at: sql<Date>`now()`, claimed_until: null, last_error: null })
      .where("id", "in", sent)
      .execute();
    report.sent += sent.length;
  }
  for (const event of events) {
    const outcome = outcomes.get(event.id) ?? { kind: "retry", error: "no outcome reported" };
    if (outcome.kind === "sent") continue;
    if (outcome.kind === "wait") {
      report.waiting++;
      await tenant.db.updateTable("outbox_events").set({ available_at: outcome.until, claimed_until: null }).where("id", "=", event.id).execute();
    } else if (outcome.kind === "retry") {
      report.retried++;
      const attempts = event.attempts + 1;
      await tenant.db
        .updateTable("outbox_events")
        .set({
          attempts,
          last_error: outcome.error.slice(0, 500),
          claimed_until: null,
          available_at: sql<Date>`now() + make_interval(secs => ${options.backoffSeconds(attempts)})`,
        })
        .where("id", "=", event.id)
        .execute();
    } else {
      report.dead++;
      await tenant.db
        .updateTable("outbox_events")
        .set({ status: "dead", attempts: event.attempts + 1, last_error: outcome.error.slice(0, 500), claimed_until: null })
        .where("id", "=", event.id)
        .execute();
    }
  }
}

/** Delivers the tenant's due outbox rows, batch by batch, until none are left (or maxBatches). */
export async function relayTenant(tenant: SystemTenant, deliverer: OutboxDeliverer, options: RelayOptions = {}): Promise<RelayReport> {
  const opts: Required<RelayOptions> = { batchSize: 500, leaseSeconds: 60, backoffSeconds: defaultBackoffSeconds, maxBatches: 20, ...options };
  const report = emptyReport();
  for (let batch = 0; batch < opts.maxBatches; batch++) {
    const events = await claim(tenant, opts.batchSize, opts.leaseSeconds);
    if (events.length === 0) break;
    report.claimed += events.length;
    let outcomes: Map<string, DeliveryOutcome>;
    try {
      outcomes = await deliverer.deliver(tenant, events);
    } catch (error) {
      const failure: DeliveryOutcome = { kind: "retry", error: errorText(error) };
      outcomes = new Map(events.map((e) => [e.id, failure]));
    }
    await settle(tenant, events, outcomes, opts, report);
    // A delivery failure means the target is down: do not hammer it with the next batch.
    if (report.retried > 0 || events.length < opts.batchSize) break;
  }
  return report;
}

/** One pass over every tenant schema in turn. A failing tenant does not stop the others. */
export async function relayAllTenants(database: DatabaseHandle, deliverer: OutboxDeliverer, options: RelayOptions = {}): Promise<RelayReport> {
  const total = emptyReport();
  for (const tenant of await systemTenants(database)) {
    try {
      const report = await relayTenant(tenant, deliverer, options);
      for (const key of Object.keys(total) as (keyof RelayReport)[]) total[key] += report[key];
    } catch (error) {
      console.error(`[carepath] outbox relay failed for tenant ${tenant.id}: ${errorText(error)}`);
    }
  }
  return total;
}

/** Deletes delivered rows older than `days` (the outbox is a queue, not an archive). */
export async function pruneSentEvents(tenant: SystemTenant, days = 7): Promise<number> {
  const result = await tenant.db
    .deleteFrom("outbox_events")
    .where("id", "in", (eb) =>
      eb
        .selectFrom("outbox_events")
        .select("id")
        .where("status", "=", "sent")
        .where("sent_at", "<", sql<Date>`now() - make_interval(days => ${days})`)
        .limit(5000),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
