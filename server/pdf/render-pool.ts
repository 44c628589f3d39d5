import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ReportData } from "./templates/health-report/report-data";

/**
 * Renders reports in worker threads so a 50-page PDF never blocks the event loop that answers other
 * requests. Workers start lazily, stay alive and take one job at a time (react-pdf is CPU-bound);
 * REPORT_RENDER_WORKERS sets how many (default 1: this keeps one core for requests on small hosts).
 */
interface Job {
  id: number;
  data: ReportData;
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: Job | null;
}

// Node loads the worker at run time; the path is built at run time so the bundler does not try to
// trace (and bundle) the worker and the TypeScript loader it registers.
const WORKER_PATH_SEGMENTS = ["server", "pdf", "render-worker.mjs"];
function workerFile(): string {
  return path.resolve(process.cwd(), ...WORKER_PATH_SEGMENTS.map((s) => s));
}

const queue: Job[] = [];
const slots: Slot[] = [];
let nextId = 1;

function poolSize(): number {
  const n = Number(process.env.REPORT_RENDER_WORKERS ?? 1);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 8) : 1;
}

function startSlot(): Slot {
  const worker = new Worker(workerFile());
  worker.unref();
  let markReady!: () => void;
  const slot: Slot = { worker, ready: new Promise<void>((r) => (markReady = r)), busy: null };
  worker.on("message", (msg: { ready?: true; id?: number; ok?: boolean; pdf?: Uint8Array; error?: string }) => {
    if (msg.ready) {
      markReady();
      return pump();
    }
    const job = slot.busy;
    slot.busy = null;
    if (job && msg.id === job.id) {
      if (msg.ok && msg.pdf) job.resolve(Buffer.from(msg.pdf.buffer, msg.pdf.byteOffset, msg.pdf.byteLength));
      else job.reject(new Error(msg.error ?? "PDF rendering failed"));
    }
    pump();
  });
  worker.on("error", (error) => {
    slot.busy?.reject(error);
    slots.splice(slots.indexOf(slot), 1);
    pump();
  });
  slots.push(slot);
  return slot;
}

function pump(): void {
  while (queue.length) {
    let slot = slots.find((s) => !s.busy);
    if (!slot && slots.length < poolSize()) slot = startSlot();
    if (!slot) return;
    const job = queue.shift()!;
    slot.busy = job;
    const s = slot;
    void s.ready.then(() => s.worker.postMessage({ id: job.id, data: job.data }));
  }
}

export function renderInWorker(data: ReportData): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    queue.push({ id: nextId++, data, resolve, reject });
    pump();
  });
}

/** Stops the workers (tests, CLI, benchmark). */
export async function closeRenderPool(): Promise<void> {
  await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
}
