import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import { useDatabase } from "@/server/tenancy/database";
import { createMember, createStaffUser } from "../support/factories";
import { walkRouter } from "../support/router-walk";
import { createTestTenant, openTestDatabase } from "../support/test-database";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/server/auth/session", () => ({ getSessionUser: async () => session.user, getSessionWithTenant: async () => ({ user: session.user, tenant: null }) }));

const { GET, POST } = await import("@/app/api/trpc/[trpc]/route");

let db: DatabaseHandle;
let tenant: { id: string; slug: string };
let admin: SessionUser;
let nurse: SessionUser;
let operator: SessionUser;

type Locale = "zh-CN" | "en";

function headers(locale: Locale, slug = tenant.slug): Record<string, string> {
  return { "content-type": "application/json", "x-carepath-tenant": slug, cookie: `NEXT_LOCALE=${locale}` };
}

async function post(path: string, body: string, locale: Locale = "zh-CN", slug?: string) {
  const res = await POST(new Request(`http://localhost/api/trpc/${path}`, { method: "POST", headers: headers(locale, slug), body }));
  return { status: res.status, text: await res.text() };
}

async function get(path: string, input: unknown, locale: Locale = "zh-CN", slug?: string) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await GET(new Request(`http://localhost/api/trpc/${path}${query}`, { headers: headers(locale, slug) }));
  return { status: res.status, text: await res.text() };
}

/** Nothing an attacker could learn the implementation from. */
function expectNoLeak(text: string) {
  expect(text).not.toMatch(/\bat [\w.<>[\]]+ \(|\n\s+at /); // stack frames
  expect(text).not.toMatch(/node_modules|\/(?:work|tmp|home|usr|srv|app)\/|[\w-]+\.(?:ts|tsx|js|mjs):\d+/); // file paths
  expect(text).not.toMatch(/\b(?:select|insert into|update|delete from)\b[\s\S]*\b(?:from|set|where|values)\b/i); // SQL
  expect(text).not.toMatch(/postgres|pglite|kysely|relation "|syntax error|violates/i);
  expect(text).not.toMatch(/"stack"/);
}

const zhInvalid = "输入有误，请检查后重试。";
const enInvalid = "Some input is not valid";

beforeAll(async () => {
  db = await openTestDatabase();
  useDatabase(db);
  tenant = await createTestTenant(db, "输入医院");
  admin = await createMember(db, tenant.id, "tenant_admin");
  nurse = await createMember(db, tenant.id, "nurse");
  operator = await createStaffUser(db, { platformOperator: true });
});
afterAll(async () => {
  await db.close();
});

async function departmentCount(): Promise<number> {
  return (await forTenant(db.unsafeRoot, tenant.slug).selectFrom("departments").select("id").execute()).length;
}

async function auditRows(): Promise<number> {
  return (await forTenant(db.unsafeRoot, tenant.slug).selectFrom("audit_events").select("seq").execute()).length;
}

function message(text: string): string {
  return (JSON.parse(text) as { error: { json: { message: string } } }).error.json.message;
}

describe("malformed and wrongly typed input", () => {
  it("unparsable JSON is a 400 with the catalogue message in the caller's language, and writes nothing", async () => {
    session.user = admin;
    const before = await departmentCount();
    for (const [locale, expected] of [
      ["en", enInvalid],
      ["zh-CN", zhInvalid],
    ] as const) {
      const res = await post("department.create", '{"json": {"name": ', locale);
      expect(res.status).toBe(400);
      expect(message(res.text)).toContain(expected);
      expectNoLeak(res.text);
    }
    expect(await departmentCount()).toBe(before);
  });

  it("wrong types name the field and the problem in each language", async () => {
    session.user = admin;
    const en = await get("department.byId", { id: 123 }, "en");
    expect(en.status).toBe(400);
    expect(message(en.text)).toBe(`${enInvalid}. Please check and try again. id: Invalid input: expected string, received number`);
    const zh = await get("department.byId", { id: 123 }, "zh-CN");
    expect(zh.status).toBe(400);
    expect(message(zh.text)).toMatch(/^输入有误，请检查后重试。 id: 无效输入：期望 string，实际接收 数字$/);
    const rename = await post("department.rename", JSON.stringify({ json: { id: "not-a-uuid", name: ["x"] } }), "en");
    expect(rename.status).toBe(400);
    expect(message(rename.text)).toMatch(/id: .*UUID.*; name: .*expected string, received array/i);
    for (const res of [en, zh, rename]) expectNoLeak(res.text);
  });

  it("a 1 MB string is refused by the schema with a short answer, and nothing is stored", async () => {
    session.user = admin;
    const before = await departmentCount();
    const res = await post("department.create", JSON.stringify({ json: { name: "长".repeat(1_000_000) } }), "en");
    expect(res.status).toBe(400);
    expect(res.text.length).toBeLessThan(2_000);
    expect(message(res.text)).toMatch(/name: Too big/);
    expectNoLeak(res.text);
    expect(await departmentCount()).toBe(before);
  });

  it("values the database cannot hold (NUL byte, bigint overflow) are 400, not 500, and store nothing", async () => {
    session.user = admin;
    const before = await departmentCount();
    const nul = await post("department.create", JSON.stringify({ json: { name: "心\u0000内科" } }), "en");
    const overflow = await get("audit.list", { beforeSeq: "9999999999999999999" }, "zh-CN");
    expect([nul.status, overflow.status]).toEqual([400, 400]);
    expect(message(nul.text)).toContain(enInvalid);
    expect(message(overflow.text)).toContain(zhInvalid);
    for (const res of [nul, overflow]) expectNoLeak(res.text);
    expect(await departmentCount()).toBe(before);
  });

  it("no procedure answers garbage input with a 500 or a leak", async () => {
    const garbage: unknown[] = [null, "字符串", 42, [], [1, 2], { id: { $ne: null } }, { name: "x".repeat(20_000), id: "' or 1=1 --" }, { a: { b: { c: { d: [] } } } }];
    for (const p of await walkRouter()) {
      session.user = p.path.startsWith("platform.") ? operator : admin;
      for (const input of garbage) {
        const res = p.type === "query" ? await get(p.path, input, "en") : await post(p.path, JSON.stringify({ json: input }), "en");
        expect([p.path, input, res.status === 500]).toEqual([p.path, input, false]);
        expectNoLeak(res.text);
      }
    }
  }, 120_000);
});

describe("routing and batching", () => {
  it("an unknown tenant slug is 404 in the caller's language; so is an unknown procedure", async () => {
    session.user = admin;
    const en = await get("tenant.current", undefined, "en", "no-such-hospital");
    expect(en.status).toBe(404);
    expect(message(en.text)).toBe("Not found, or you do not have access to it.");
    const zh = await get("tenant.current", undefined, "zh-CN", "no-such-hospital");
    expect(zh.status).toBe(404);
    expect(message(zh.text)).toMatch(/^未找到/);
    const unknown = await get("patients.dropAll", undefined, "en");
    expect(unknown.status).toBe(404);
    expect(message(unknown.text)).toBe("Not found, or you do not have access to it.");
    for (const res of [en, zh, unknown]) expectNoLeak(res.text);
  });

  it("a batch of 21 calls is refused before any of them runs; 20 are served", async () => {
    session.user = nurse;
    const before = await auditRows();
    const body = JSON.stringify(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [String(i), { json: { userId: admin.id } }])));
    const refused = await post(`${Array(21).fill("staff.remove").join(",")}?batch=1`, body, "en");
    expect(refused.status).toBe(400);
    expect(refused.text).toContain("at most 20 calls");
    expectNoLeak(refused.text);
    // Had any call run, the nurse's missing staff.manage would have left permission.denied rows.
    expect(await auditRows()).toBe(before);

    const served = await get(`${Array(20).fill("tenant.current").join(",")}?batch=1`, undefined, "en");
    expect(served.status).toBe(200);
    expect(JSON.parse(served.text)).toHaveLength(20);
  });
});
