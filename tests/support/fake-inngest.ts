import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedEvent {
  id?: string;
  name: string;
  data: Record<string, unknown>;
  ts?: number;
}

/**
 * Stands in for Inngest's event API (`POST /e/<event key>` with a JSON array of events; answers
 * `{ ids, status: 200 }`). It can be created on a port before it listens, so "unreachable, then
 * reachable" is the same URL. Like Inngest, it deduplicates by event id.
 */
export async function createFakeInngest() {
  const port = await freePort();
  const received: ReceivedEvent[] = [];
  const keys: string[] = [];
  let requests = 0;
  let failNext = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests++;
      const match = /^\/e\/([^/?]+)/.exec(req.url ?? "");
      if (req.method !== "POST" || !match) {
        res.writeHead(404).end();
        return;
      }
      if (failNext > 0) {
        failNext--;
        res.writeHead(502, { "content-type": "application/json" }).end(JSON.stringify({ error: "bad gateway", status: 502 }));
        return;
      }
      keys.push(decodeURIComponent(match[1]!));
      const events = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ReceivedEvent[];
      for (const e of events) if (!e.id || !received.some((r) => r.id === e.id)) received.push(e);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ids: events.map((e) => e.id ?? ""), status: 200 }));
    });
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    received,
    keys,
    get requests() {
      return requests;
    },
    failNextRequests(n: number) {
      failNext = n;
    },
    listen: () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => resolve())),
    close: () => new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve())),
  };
}

async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
