/** Next.js calls this once per server process: start the outbox relay beside the web server. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { startRelayLoop } = await import("@/server/jobs/relay-loop");
  startRelayLoop();
}
