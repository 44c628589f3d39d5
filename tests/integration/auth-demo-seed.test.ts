import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateSync } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forTenant } from "@/db/tenant";
import type { DatabaseHandle } from "@/db/client";
import { ensureDemoSeed } from "@/db/seed/demo";
import { DEMO_ACCOUNTS } from "@/db/seed/demo-accounts";
import { checkPassword, checkSecondFactor } from "@/server/auth/sign-in.service";
import { openTestDatabase } from "../support/test-database";

process.env.CAREPATH_MASTER_KEY ??= randomBytes(32).toString("hex");
process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");

let db: DatabaseHandle;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(async () => {
  await db.close();
});

const meta = () => ({ requestId: "seed-test", ip: `10.${randomBytes(3).join(".")}`, userAgent: "vitest" });

describe("demo seed", () => {
  it("creates both tenants and every demo account once, and is idempotent", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "carepath-seed-"));
    // A shared Postgres test database may already hold the demo data from an earlier run.
    const created = await ensureDemoSeed(db, { dataDir, announce: false });
    const tenants = await db.control.selectFrom("tenants").select(["slug", "name"]).where("slug", "in", ["demo", "riverside"]).orderBy("slug").execute();
    expect(tenants).toEqual([
      { slug: "demo", name: "示范健康管理中心" },
      { slug: "riverside", name: "滨江体检中心" },
    ]);
    const users = await db.control.selectFrom("users").select(["email", "mfa_secret_sealed"]).where("email", "in", DEMO_ACCOUNTS.map((a) => a.email)).execute();
    expect(users).toHaveLength(DEMO_ACCOUNTS.length);
    expect(users.find((u) => u.email === "newstaff@demo.carepath.local")?.mfa_secret_sealed).toBeNull();
    const managerTenants = await db.control
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .innerJoin("tenants as t", "t.id", "m.tenant_id")
      .select("t.slug")
      .where("u.email", "=", "manager@demo.carepath.local")
      .orderBy("t.slug")
      .execute();
    expect(managerTenants.map((r) => r.slug)).toEqual(["demo", "riverside"]);

    const patientCount = () =>
      forTenant(db.unsafeRoot, "demo")
        .selectFrom("patients")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
        .then((r) => Number(r.n));
    expect(await patientCount()).toBe(2000);

    expect(await ensureDemoSeed(db, { dataDir, announce: false })).toEqual([]);
    expect(await patientCount()).toBe(2000);

    if (created.length > 0) {
      const file = path.join(dataDir, "demo-credentials.json");
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const saved = JSON.parse(readFileSync(file, "utf8")) as { email: string; password: string; totpSecret: string | null; roles: string[] }[];
      expect(saved.map((s) => s.email).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.email).sort());
      expect(readFileSync(path.join(dataDir, "demo-credentials.txt"), "utf8")).toContain("admin@demo.carepath.local");
      const admin = saved.find((s) => s.email === "admin@demo.carepath.local")!;
      expect(admin.roles).toEqual(["demo:tenant_admin"]);
      const step1 = await checkPassword(db, admin.email, admin.password, meta());
      expect(step1).toMatchObject({ ok: true, next: "mfa" });
      if (step1.ok) expect(await checkSecondFactor(db, step1.userId, generateSync({ secret: admin.totpSecret! }), meta())).toEqual({ ok: true, method: "totp" });
      const fresh = saved.find((s) => s.email === "newstaff@demo.carepath.local")!;
      expect(await checkPassword(db, fresh.email, fresh.password, meta())).toMatchObject({ ok: true, next: "enrol" });
    }
  });
});
