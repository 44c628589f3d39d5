import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { forTenant, tenantSchemaName } from "@/db/tenant";
import { recordAudit } from "@/server/audit/record";
import { createIsolatedDatabase, systemActor, uniqueSlug } from "../support/test-database";

// The CLIs act on a whole database: they get one of their own (a fresh Postgres database or a PGlite folder).
let iso: Awaited<ReturnType<typeof createIsolatedDatabase>>;
let dataDir: string;

beforeAll(async () => {
  iso = await createIsolatedDatabase();
  dataDir = mkdtempSync(path.join(tmpdir(), "carepath-cli-"));
});
afterAll(async () => {
  await iso.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(script: string, args: string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEMO_SEED: "off" };
  if (iso.url) env.DATABASE_URL = iso.url;
  else delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(path.join("node_modules", ".bin", "tsx"), [path.join("scripts", script), ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The same database the CLIs use, opened in this process between runs (PGlite allows one process at a time). */
async function withDatabase<T>(work: (db: DatabaseHandle) => Promise<T>): Promise<T> {
  const db = await openDatabase(iso.url ? { url: iso.url, poolSize: 1 } : { dataDir });
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

function expectNoStack(run: Run) {
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe("tenant:create", () => {
  it("creates a tenant, refuses a duplicate or an invalid slug with a clear message", async () => {
    const slug = uniqueSlug("cli");
    const created = await cli("tenant-create.ts", ["--slug", slug, "--name", "命令行医院", "--name-en", "CLI Hospital"]);
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toContain(`Created tenant ${slug}`);
    const row = await withDatabase((db) => db.control.selectFrom("tenants").select(["name", "name_en"]).where("slug", "=", slug).executeTakeFirst());
    expect(row).toEqual({ name: "命令行医院", name_en: "CLI Hospital" });

    const duplicate = await cli("tenant-create.ts", ["--slug", slug, "--name", "again"]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain(`Tenant "${slug}" already exists`);
    const invalid = await cli("tenant-create.ts", ["--slug", "Bad_Slug", "--name", "x"]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/Invalid slug "Bad_Slug"[\s\S]*Usage: npm run tenant:create/);
    const missing = await cli("tenant-create.ts", ["--slug", uniqueSlug("cli")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Missing --name");
    for (const run of [duplicate, invalid, missing]) expectNoStack(run);
  }, 120_000);
});

describe("db:migrate", () => {
  it("is a no-op when up to date, and names a tenant that fails while migrating the rest", async () => {
    const good = uniqueSlug("mg");
    const bad = uniqueSlug("mb");
    expect((await cli("tenant-create.ts", ["--slug", good, "--name", "好医院"])).code).toBe(0);
    expect((await cli("tenant-create.ts", ["--slug", bad, "--name", "坏医院"])).code).toBe(0);

    const noop = await cli("db-migrate.ts", []);
    expect(noop.code).toBe(0);
    expect(noop.stdout).toContain("control: up to date");
    expect(noop.stdout).toContain(`tenant ${good}: up to date`);

    await withDatabase(async (db) => {
      const schema = tenantSchemaName(bad);
      await sql`drop schema ${sql.id(schema)} cascade`.execute(db.unsafeRoot);
      await sql`create schema ${sql.id(schema)}`.execute(db.unsafeRoot);
      await sql`create table ${sql.table(`${schema}.audit_head`)} (squatter int)`.execute(db.unsafeRoot);
    });
    const failed = await cli("db-migrate.ts", []);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(new RegExp(`tenant ${bad}: FAILED \\(left unchanged\\): .*audit_head`));
    expect(failed.stderr).toContain(`Migration failed for: ${bad}`);
    expect(failed.stdout).toContain(`tenant ${good}: up to date`);
    expectNoStack(failed);
  }, 120_000);
});

describe("audit:verify", () => {
  it("passes an intact chain and names the first broken seq of a tampered one", async () => {
    const slug = uniqueSlug("av");
    expect((await cli("tenant-create.ts", ["--slug", slug, "--name", "审计医院"])).code).toBe(0);
    await withDatabase(async (db) => {
      const tdb = forTenant(db.unsafeRoot, slug);
      for (let i = 0; i < 4; i++) await tdb.transaction().execute((trx) => recordAudit(trx, systemActor, { action: `cli.test.${i}` }));
    });
    const intact = await cli("audit-verify.ts", ["--tenant", slug]);
    expect(intact.code).toBe(0);
    expect(intact.stdout).toContain(`Audit chain of tenant ${slug}: OK (4 events)`);
    const control = await cli("audit-verify.ts", ["--control"]);
    expect(control.code).toBe(0);

    await withDatabase(async (db) => {
      const table = sql.table(`${tenantSchemaName(slug)}.audit_events`);
      await sql`alter table ${table} disable trigger audit_events_immutable`.execute(db.unsafeRoot);
      await sql`update ${table} set action = 'forged' where seq = 2`.execute(db.unsafeRoot);
      await sql`alter table ${table} enable trigger audit_events_immutable`.execute(db.unsafeRoot);
    });
    const broken = await cli("audit-verify.ts", ["--tenant", slug]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`Audit chain of tenant ${slug}: BROKEN at seq 2`);

    const unknown = await cli("audit-verify.ts", ["--tenant", "no-such-tenant"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Unknown tenant "no-such-tenant"');
    for (const run of [broken, unknown]) expectNoStack(run);
  }, 120_000);
});
