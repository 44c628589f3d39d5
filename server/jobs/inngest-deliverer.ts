import type { Inngest } from "inngest";
import { inngest } from "./client";
import type { DeliveryOutcome, OutboxDeliverer } from "./relay";
import { errorText } from "./redact";

/**
 * Sends a batch to Inngest's event API in one request. The outbox row id is the event id, which
 * Inngest deduplicates, so a batch re-sent after a crash between send and mark starts nothing twice.
 * Any failure (server unreachable, no event key, 5xx) keeps the whole batch pending for a retry.
 */
export function inngestDeliverer(client: Inngest.Any = inngest): OutboxDeliverer {
  return {
    async deliver(_tenant, events) {
      const outcomes = new Map<string, DeliveryOutcome>();
      try {
        await client.send(events.map((e) => ({ id: e.id, name: e.name, data: e.data })));
        for (const e of events) outcomes.set(e.id, { kind: "sent" });
      } catch (error) {
        const failure: DeliveryOutcome = { kind: "retry", error: errorText(error) };
        for (const e of events) outcomes.set(e.id, failure);
      }
      return outcomes;
    },
  };
}
