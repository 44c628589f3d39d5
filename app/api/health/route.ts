import { getDatabase } from "@/server/tenancy/database";
import { checkPlatformHealth } from "@/server/tenancy/health";

export const dynamic = "force-dynamic";

/** Liveness and readiness for load balancers. */
export async function GET(): Promise<Response> {
  try {
    return Response.json(await checkPlatformHealth(await getDatabase()), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    console.error("[health] database check failed:", error);
    return Response.json({ ok: false }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
