import type { DatabaseHandle } from "@/db/client";

export interface PlatformHealth {
  ok: true;
  db: DatabaseHandle["kind"];
  tenants: number;
}

/** The database answers a query, and how many tenants it holds. */
export async function checkPlatformHealth(database: DatabaseHandle): Promise<PlatformHealth> {
  const { n } = await database.control
    .selectFrom("tenants")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return { ok: true, db: database.kind, tenants: Number(n) };
}
