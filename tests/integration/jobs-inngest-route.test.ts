import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET, PUT } from "@/app/api/inngest/route";

afterEach(() => vi.unstubAllEnvs());

describe("/api/inngest", () => {
  it("refuses with 503 and the reason when no signing key is configured outside development", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("INNGEST_SIGNING_KEY", "");
    vi.stubEnv("INNGEST_DEV", "");
    const res = await GET(new NextRequest("http://localhost/api/inngest"), undefined);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: string; message: string };
    expect(body.error).toBe("inngest_not_configured");
    expect(body.message).toMatch(/INNGEST_SIGNING_KEY/);
    expect((await PUT(new NextRequest("http://localhost/api/inngest", { method: "PUT" }), undefined)).status).toBe(503);
  });

  it("serves the registered functions to a local dev server with INNGEST_DEV=1", async () => {
    vi.stubEnv("INNGEST_DEV", "1");
    const res = await GET(new NextRequest("http://localhost/api/inngest"), undefined);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { function_count: number; mode: string };
    expect(body.function_count).toBeGreaterThanOrEqual(2);
    expect(body.mode).toBe("dev");
  });
});
