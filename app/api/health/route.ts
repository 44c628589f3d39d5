import { getDatabase } from "@/server/tenancy/database";

export const dynamic = "force-dynamic";

/** Liveness and readiness for load balancers: the database answers and how many tenants it holds. */
export async function GET(): Promise<Response> {
  try {
    const database = await getDatabase();
    const { n } = await database.control
      .selectFrom("tenants")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    return Response.json({ ok: true, db: database.kind, tenants: Number(n) }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    console.error("[health] database check failed:", error);
    return Response.json({ ok: false }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
