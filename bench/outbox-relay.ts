/**
 * Outbox relay throughput (issue 6: ≥ 2,000 events/s to a local HTTP endpoint). One tenant with
 * BENCH_RELAY_EVENTS (default 20,000) pending outbox rows; the relay claims, sends (real Inngest client,
 * batches of 500, to a local server speaking Inngest's event API) and marks them sent. Baseline in the
 * same run: the same batches POSTed by the same Inngest client straight to the same server, no
 * database. Prints one JSON line. Run alone: DATABASE_URL=postgres://… npx tsx bench/outbox-relay.ts
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Inngest } from "inngest";
import { sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { openDatabase } from "@/db/client";
import { migrateControl } from "@/db/migrate";
import { inngestDeliverer } from "@/server/jobs/inngest-deliverer";
import { relayTenant } from "@/server/jobs/relay";
import { systemTenantById } from "@/server/jobs/system-tenant";
import { provisionTenant } from "@/server/tenancy/provision";
import { cliActor } from "../scripts/cli-database";

async function eventApi() {
  let received = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const events = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { id: string }[];
      received += events.length;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: events.map((e) => e.id), status: 200 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, received: () => received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

async function main() {
  const total = Number(process.env.BENCH_RELAY_EVENTS ?? 20_000);
  const batch = 500;
  const handle = await openDatabase({ url: process.env.DATABASE_URL, poolSize: 4 });
  const api = await eventApi();
  try {
    await migrateControl(handle);
    const slug = `bench-relay-${Date.now().toString(36)}`;
    const tenant = (await systemTenantById(handle, (await provisionTenant(handle, { slug, name: "压测医院 relay" }, cliActor("bench"))).id))!;
    const client = new Inngest({ id: "carepath-bench", eventKey: "bench", baseUrl: api.url, isDev: false });
    const rows = Array.from({ length: total }, () => {
      const data = { tenantId: tenant.id, reminderId: uuidv7(), patientId: uuidv7(), purpose: "care" };
      return { id: uuidv7(), event_name: "reminder/reminder.scheduled", payload: JSON.stringify(data), data };
    });
    for (let i = 0; i < rows.length; i += 2000) {
      await tenant.db
        .insertInto("outbox_events")
        .values(rows.slice(i, i + 2000).map((r) => ({ id: r.id, event_name: r.event_name, payload: r.payload, available_at: sql<Date>`now() - interval '1 second'` })))
        .execute();
    }
    await sql`analyze ${sql.table(`t_${slug.replaceAll("-", "_")}.outbox_events`)}`.execute(handle.unsafeRoot);

    // Baseline: the HTTP part alone, same client, same batches.
    const b0 = performance.now();
    for (let i = 0; i < rows.length; i += batch) {
      await client.send(rows.slice(i, i + batch).map((r) => ({ id: r.id, name: r.event_name, data: r.data })));
    }
    const baselineMs = performance.now() - b0;

    const before = api.received();
    const r0 = performance.now();
    let sent = 0;
    while (sent < total) {
      const report = await relayTenant(tenant, inngestDeliverer(client), { batchSize: batch, maxBatches: 1000 });
      if (report.claimed === 0) break;
      sent += report.sent;
    }
    const relayMs = performance.now() - r0;
    const pending = await tenant.db.selectFrom("outbox_events").select(sql<string>`count(*)`.as("n")).where("status", "=", "pending").executeTakeFirstOrThrow();
    await sql`drop schema ${sql.id(`t_${slug.replaceAll("-", "_")}`)} cascade`.execute(handle.unsafeRoot);
    await handle.control.deleteFrom("tenants").where("id", "=", tenant.id).execute();
    console.log(
      JSON.stringify({
        events: total,
        batch,
        relayMs,
        relayPerSecond: (sent / relayMs) * 1000,
        baselineMs,
        baselinePerSecond: (total / baselineMs) * 1000,
        received: api.received() - before,
        leftPending: Number(pending.n),
      }),
    );
  } finally {
    await api.close();
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
