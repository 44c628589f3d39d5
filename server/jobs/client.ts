import { Inngest } from "inngest";

/**
 * The one Inngest client. Configuration comes from Inngest's own environment variables:
 * INNGEST_DEV=1 (local dev server, no keys), INNGEST_EVENT_KEY (sending events), INNGEST_SIGNING_KEY
 * (serving /api/inngest), INNGEST_BASE_URL / INNGEST_EVENT_API_BASE_URL (self-hosted, in-region server).
 */
export const inngest = new Inngest({ id: "carepath" });
