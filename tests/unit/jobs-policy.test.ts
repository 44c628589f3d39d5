import { describe, expect, it } from "vitest";
import { jobEvents, parseEventData } from "@/server/jobs/events";
import { redactContacts } from "@/server/jobs/redact";
import { jobsExecutor } from "@/server/jobs/relay-loop";
import { inngestServeRefusal } from "@/server/jobs/serve-policy";

describe("/api/inngest serve policy", () => {
  it("refuses in production without a signing key and says why", () => {
    const refusal = inngestServeRefusal({ NODE_ENV: "production" });
    expect(refusal).toMatch(/INNGEST_SIGNING_KEY is not set/);
    expect(refusal).toMatch(/outbox/);
    expect(inngestServeRefusal({ NODE_ENV: "production", INNGEST_SIGNING_KEY: "signkey-prod-abc" })).toBeNull();
    expect(inngestServeRefusal({ NODE_ENV: "production", INNGEST_DEV: "1" })).toBeNull();
    expect(inngestServeRefusal({ NODE_ENV: "development" })).toMatch(/INNGEST_DEV/);
  });

  it("chooses the executor: explicit setting, else Inngest in production or when configured, else inline", () => {
    expect(jobsExecutor({ NODE_ENV: "production" })).toBe("inngest");
    expect(jobsExecutor({ NODE_ENV: "production", JOBS_EXECUTOR: "inline" })).toBe("inline");
    expect(jobsExecutor({ NODE_ENV: "development" })).toBe("inline");
    expect(jobsExecutor({ NODE_ENV: "development", INNGEST_DEV: "1" })).toBe("inngest");
    expect(jobsExecutor({ NODE_ENV: "test", INNGEST_EVENT_KEY: "k" })).toBe("inngest");
  });
});

describe("event payloads", () => {
  it("every event carries a tenant id and accepts no extra keys", () => {
    for (const name of Object.keys(jobEvents) as (keyof typeof jobEvents)[]) {
      expect(() => parseEventData(name, {})).toThrow();
      expect(() => parseEventData(name, { tenantId: "0190f0a0-0000-7000-8000-000000000000", name: "张三" })).toThrow();
    }
  });
});

describe("redactContacts", () => {
  it("removes email addresses and phone numbers from error text", () => {
    expect(redactContacts("550 5.1.1 <wang.fang@hospital.cn>: unknown user")).toBe("550 5.1.1 <[email]>: unknown user");
    expect(redactContacts("invalid mobile 13800138000 / +1 415-555-0100")).toBe("invalid mobile [number] / [number]");
    expect(redactContacts("HTTP 503 Service Unavailable")).toBe("HTTP 503 Service Unavailable");
  });
});
