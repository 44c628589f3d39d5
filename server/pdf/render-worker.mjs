// Worker thread that renders health reports off the request thread. The template is TypeScript/TSX,
// loaded through tsx's ESM loader (the same loader the CLIs use), so no separate build step exists.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { renderHealthReport } = await import("./render-health-report.tsx");

parentPort.on("message", async ({ id, data }) => {
  try {
    const pdf = await renderHealthReport(data);
    const copy = new Uint8Array(pdf.byteLength);
    copy.set(pdf);
    parentPort.postMessage({ id, ok: true, pdf: copy }, [copy.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
