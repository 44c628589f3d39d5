import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely } from "kysely";
import pg from "pg";
import { CarepathPostgresDialect } from "./dialect";
import type { ControlDatabase } from "./types/control";

export type DatabaseKind = "postgres" | "pglite";

export interface DatabaseHandle {
  kind: DatabaseKind;
  /** Unscoped handle. Only db/ and server/tenancy may use it; everything else gets a schema-bound handle. */
  unsafeRoot: Kysely<any>;
  /** Handle bound to the `control` schema. */
  control: Kysely<ControlDatabase>;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres:// URL; when absent an embedded PGlite database is used. */
  url?: string;
  /** Folder for the embedded database (default `.data`). */
  dataDir?: string;
  poolSize?: number;
}

// timestamptz → Date (pg default); int8 stays a string so 64-bit values never lose precision.
async function openPglite(dataDir: string): Promise<pg.Pool> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { createPgConfig } = await import("@electric-sql/pglite/node-postgres");
  const dir = dataDir === "memory://" ? dataDir : path.resolve(dataDir, "pglite");
  if (dir !== "memory://") mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir, { extensions: { pg_trgm } });
  const config = createPgConfig(pglite);
  // PGlite is a single connection: the pool must never open a second one.
  return new pg.Pool({ ...(config as unknown as pg.PoolConfig), max: 1 });
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  const kind: DatabaseKind = options.url ? "postgres" : "pglite";
  const pool =
    kind === "postgres"
      ? new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, application_name: "carepath" })
      : await openPglite(options.dataDir ?? ".data");
  const unsafeRoot = new Kysely<any>({ dialect: new CarepathPostgresDialect({ pool }) });
  return {
    kind,
    unsafeRoot,
    control: unsafeRoot.withSchema("control") as Kysely<ControlDatabase>,
    pool,
    async close() {
      await unsafeRoot.destroy();
    },
  };
}
