import { randomInt } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { ControlDatabase } from "@/db/types/control";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import { insertAccount } from "@/server/auth/accounts";
import { newTotpSecret } from "@/server/auth/totp";
import { provisionTenant } from "@/server/tenancy/provision";
import { DEMO_ACCOUNTS, DEMO_TENANTS } from "./demo-accounts";
import { seedDemoRules } from "./demo-rules";
import { seedDemoPatients } from "./patients";
import { seedDemoResults } from "./results-history";

/** Synthetic patients of the demo tenant (fake names, checksum-valid fake ID numbers, test-range phones). */
const DEMO_PATIENTS = 2000;

export interface DemoCredential {
  email: string;
  displayName: string;
  password: string;
  totpSecret: string | null;
  recoveryCodes: string[];
  roles: string[];
}

const seedActor: AuditActor = { userId: null, role: "system", tenantId: null, requestId: "demo-seed", ip: null, userAgent: "carepath seed" };

/** Readable, random per installation, and never on the common-password list: `k7hq-m2vx-p9ta-r4ne`. */
function demoPassword(): string {
  const alphabet = "23456789abcdefghjkmnpqrstuvwxyz";
  return Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join("")).join("-");
}

async function ensureTenants(handle: DatabaseHandle): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const t of DEMO_TENANTS) {
    let row = await handle.control.selectFrom("tenants").select("id").where("slug", "=", t.slug).executeTakeFirst();
    if (!row) {
      row = await provisionTenant(handle, { slug: t.slug, name: t.name, nameEn: t.nameEn }, seedActor);
      const tdb = forTenant(handle.unsafeRoot, t.slug);
      await tdb.transaction().execute(async (trx) => {
        for (const d of t.departments) {
          const id = uuidv7();
          await trx.insertInto("departments").values({ id, name: d.name, name_en: d.nameEn, lead_user_id: null }).execute();
          await recordAudit(trx, { ...seedActor, tenantId: row!.id }, { action: "department.create", resourceType: "department", resourceId: id });
        }
      });
    }
    ids.set(t.slug, row.id);
  }
  return ids;
}

async function addMembership(handle: DatabaseHandle, control: Kysely<ControlDatabase>, userId: string, tenantSlug: string, tenantId: string, role: string) {
  await control.insertInto("memberships").values({ id: uuidv7(), user_id: userId, tenant_id: tenantId, role }).execute();
  await forTenant(handle.unsafeRoot, tenantSlug)
    .transaction()
    .execute((trx) =>
      recordAudit(trx, { ...seedActor, tenantId }, { action: "staff.create", resourceType: "user", resourceId: userId, details: { role, seed: true } }),
    );
}

function writeCredentialFiles(dataDir: string, created: DemoCredential[]): { txt: string; json: string } {
  mkdirSync(dataDir, { recursive: true });
  const json = path.resolve(dataDir, "demo-credentials.json");
  const txt = path.resolve(dataDir, "demo-credentials.txt");
  const previous: DemoCredential[] = existsSync(json) ? (JSON.parse(readFileSync(json, "utf8")) as DemoCredential[]) : [];
  const merged = [...previous.filter((p) => !created.some((c) => c.email === p.email)), ...created];
  writeFileSync(json, JSON.stringify(merged, null, 2) + "\n", { mode: 0o600 });
  writeFileSync(txt, formatCredentials(merged), { mode: 0o600 });
  chmodSync(json, 0o600);
  chmodSync(txt, 0o600);
  return { txt, json };
}

export function formatCredentials(list: DemoCredential[]): string {
  const lines = [
    "CarePath 康程 — demo accounts (generated for this installation; keep this file private)",
    "Sign in at /sign-in. Current TOTP code: npm run demo:otp -- <email>",
    "",
  ];
  for (const c of list) {
    lines.push(`${c.email}  (${c.roles.join(", ")})`);
    lines.push(`  password:    ${c.password}`);
    lines.push(c.totpSecret ? `  TOTP secret: ${c.totpSecret}` : "  TOTP:        not enrolled — enrol at first sign-in");
    lines.push("");
  }
  return lines.join("\n");
}

/**
 * The demo installation: tenants `demo` and `riverside` with departments, one account per tenant
 * role (the health manager in both tenants), a platform operator, and one account left to enrol.
 * Idempotent: existing tenants and accounts are left alone; only new accounts get credentials.
 */
export async function ensureDemoSeed(handle: DatabaseHandle, opts: { dataDir: string; announce: boolean }): Promise<DemoCredential[]> {
  const tenantIds = await ensureTenants(handle);
  const created: DemoCredential[] = [];
  for (const a of DEMO_ACCOUNTS) {
    const exists = await handle.control.selectFrom("users").select("id").where("email", "=", a.email).executeTakeFirst();
    if (exists) continue;
    const password = demoPassword();
    const totpSecret = a.enrolled ? newTotpSecret() : null;
    const { id, recoveryCodes } = await handle.control.transaction().execute(async (trx) => {
      const account = await insertAccount(trx, {
        email: a.email,
        displayName: a.displayName,
        password,
        isPlatformOperator: a.isPlatformOperator,
        ...(totpSecret ? { totpSecret } : {}),
      });
      await recordAudit(trx, seedActor, { action: "user.create", resourceType: "user", resourceId: account.id, details: { seed: true } });
      return account;
    });
    for (const m of a.memberships) await addMembership(handle, handle.control, id, m.tenant, tenantIds.get(m.tenant)!, m.role);
    created.push({
      email: a.email,
      displayName: a.displayName,
      password,
      totpSecret,
      recoveryCodes,
      roles: a.isPlatformOperator ? ["platform_operator"] : a.memberships.map((m) => `${m.tenant}:${m.role}`),
    });
  }
  if (created.length > 0) {
    const files = writeCredentialFiles(opts.dataDir, created);
    if (opts.announce) {
      console.log(`\n[carepath] Demo accounts created (shown once; also in ${files.txt}):\n`);
      console.log(formatCredentials(created));
    }
  }
  // After the managers' memberships exist: patients are assigned round-robin to them. Idempotent.
  const patients = await seedDemoPatients(handle, "demo", { count: DEMO_PATIENTS });
  if (opts.announce && !patients.skipped) console.log(`[carepath] ${patients.created} synthetic demo patients created in "demo".`);
  // Check-up history only for freshly seeded patients (an existing installation keeps what it has).
  const results = patients.skipped ? { observations: 0, skipped: true } : await seedDemoResults(handle, "demo");
  if (opts.announce && !results.skipped) console.log(`[carepath] ${results.observations} demo check-up results (ten years) written in "demo".`);
  await seedDemoRules(handle, "demo");
  return created;
}
