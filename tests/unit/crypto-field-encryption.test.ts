import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { blindIndex } from "@/server/crypto/blind-index";
import { newPatientKey, openField, openPatientKey, sealField } from "@/server/crypto/field-crypto";
import { UnsealError } from "@/server/crypto/secret-box";
import { keyringFromDataKey } from "@/server/crypto/tenant-keys";
import { patientTokens, queryTokens } from "@/server/modules/patient/search-tokens";

const ringA = keyringFromDataKey("tenant-a", randomBytes(32));
const ringB = keyringFromDataKey("tenant-b", randomBytes(32));
const where = { tenantId: "tenant-a", table: "patients", column: "phone", rowId: "p1" };

describe("field encryption (AES-256-GCM, per-patient key wrapped by the tenant key)", () => {
  it("round-trips and never shows the plaintext", () => {
    const { key, sealed } = newPatientKey(ringA, "p1");
    const c = sealField(key, "13812345678", where);
    expect(c).not.toContain("13812345678");
    expect(openField(openPatientKey(ringA, "p1", sealed), c, where)).toBe("13812345678");
    expect(sealField(key, "13812345678", where)).not.toBe(c);
  });

  it("detects tampering and refuses a value moved to another row, column, table or tenant", () => {
    const { key } = newPatientKey(ringA, "p1");
    const c = sealField(key, "张三", where);
    const dot = c.lastIndexOf(".");
    const body = Buffer.from(c.slice(dot + 1), "base64url");
    body[body.length - 20]! ^= 1;
    expect(() => openField(key, `${c.slice(0, dot)}.${body.toString("base64url")}`, where)).toThrow(UnsealError);
    for (const moved of [{ rowId: "p2" }, { column: "name" }, { table: "member_cards" }, { tenantId: "tenant-b" }]) {
      expect(() => openField(key, c, { ...where, ...moved })).toThrow(UnsealError);
    }
  });

  it("a patient key opens only for its patient and tenant (crypto-shredding: without it nothing opens)", () => {
    const { sealed } = newPatientKey(ringA, "p1");
    expect(() => openPatientKey(ringA, "p2", sealed)).toThrow(UnsealError);
    expect(() => openPatientKey(ringB, "p1", sealed)).toThrow(UnsealError);
  });
});

describe("blind indexes", () => {
  it("are deterministic within a tenant, differ across tenants and across kinds", () => {
    expect(blindIndex(ringA.indexKey, "phone", "13812345678")).toBe(blindIndex(ringA.indexKey, "phone", "13812345678"));
    expect(blindIndex(ringA.indexKey, "phone", "13812345678")).not.toBe(blindIndex(ringB.indexKey, "phone", "13812345678"));
    expect(blindIndex(ringA.indexKey, "phone", "1234")).not.toBe(blindIndex(ringA.indexKey, "phone4", "1234"));
    expect(blindIndex(ringA.indexKey, "idno", "11010519491231002X")).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("query tokens meet stored tokens for each search form", () => {
    const stored = new Set(patientTokens(ringA, { name: "张三丰", phone: "13812345678", idNumber: "11010519491231002X", cardNumbers: ["799273987130"] }));
    for (const q of ["张", "张三", "张三丰", "三丰", "zs", "ZSF", "13812345678", "5678", "11010519491231002x", "799273987130"]) {
      expect([q, queryTokens(ringA, q).some((t) => stored.has(t))]).toEqual([q, true]);
    }
    for (const q of ["李", "ls", "13812345679", "5679"]) expect([q, queryTokens(ringA, q).some((t) => stored.has(t))]).toEqual([q, false]);
    expect(queryTokens(ringB, "张三").some((t) => stored.has(t))).toBe(false);
  });
});
