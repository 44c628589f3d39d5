/**
 * Whether /api/inngest may serve functions in this process, and if not, why. Outside development a
 * signing key is mandatory: without it anyone could POST a forged run to the endpoint. The Inngest SDK
 * would answer such a request with a bare 500; we answer 503 with the reason and the fix.
 */
export function inngestServeRefusal(env: NodeJS.ProcessEnv = process.env): string | null {
  const dev = env.INNGEST_DEV === "1" || env.INNGEST_DEV === "true";
  if (dev || env.INNGEST_SIGNING_KEY) return null;
  if (env.NODE_ENV === "development") {
    return "INNGEST_DEV is not set: start the app with INNGEST_DEV=1 next to `npx inngest-cli dev`, or set INNGEST_SIGNING_KEY.";
  }
  return "INNGEST_SIGNING_KEY is not set: outside development the background-jobs endpoint only serves requests signed by the Inngest server. Set INNGEST_SIGNING_KEY (and INNGEST_EVENT_KEY) from your Inngest server, or INNGEST_DEV=1 for a local dev server. Events wait in the outbox meanwhile; nothing is lost.";
}
