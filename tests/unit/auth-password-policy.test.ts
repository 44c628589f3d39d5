import { describe, expect, it } from "vitest";
import { checkPasswordPolicy } from "@/server/auth/password-policy";
import { hashPassword, verifyPassword } from "@/server/auth/password-hash";

describe("password policy", () => {
  it("requires at least 10 characters (counted as characters, not bytes)", () => {
    expect(checkPasswordPolicy("k7#qp2!xz", "a@b.cn")).toBe("tooShort");
    expect(checkPasswordPolicy("k7#qp2!xzw", "a@b.cn")).toBeNull();
    expect(checkPasswordPolicy("健康管理师的密码九", "a@b.cn")).toBe("tooShort");
    expect(checkPasswordPolicy("健康管理师的密码很长", "a@b.cn")).toBeNull();
  });

  it("rejects passwords from the common-password list, case-insensitively", () => {
    expect(checkPasswordPolicy("password123", "a@b.cn")).toBe("common");
    expect(checkPasswordPolicy("1qaz2wsx3edc", "a@b.cn")).toBe("common");
    expect(checkPasswordPolicy("PASSWORD123", "a@b.cn")).toBe("common");
  });

  it("rejects passwords containing the e-mail local part", () => {
    expect(checkPasswordPolicy("Zhangwei-2026!", "zhangwei@hospital.cn")).toBe("containsEmail");
    expect(checkPasswordPolicy("Lw-8842-river-stone", "zhangwei@hospital.cn")).toBeNull();
  });

  it("caps the length", () => {
    expect(checkPasswordPolicy("x".repeat(129), "a@b.cn")).toBe("tooLong");
  });
});

describe("argon2id hashing", () => {
  it("produces an argon2id hash that verifies only the same password", async () => {
    const hash = await hashPassword("Lw-8842-river-stone");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "Lw-8842-river-stone")).toBe(true);
    expect(await verifyPassword(hash, "Lw-8842-river-stonE")).toBe(false);
    expect(await verifyPassword(null, "anything")).toBe(false);
  });
});
