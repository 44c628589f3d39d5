import { describe, expect, it } from "vitest";
import { ageOn, birthDateRangeForAges } from "@/server/modules/patient/rules/age";
import { isValidCardNumber, luhnCheckDigit, makeCardNumber } from "@/server/modules/patient/rules/card-number";
import { idNumberCheckChar, isValidIdNumber, makeIdNumber, parseIdNumber } from "@/server/modules/patient/rules/id-number";
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from "@/server/modules/patient/rules/masking";
import { nameSearchTerms, pinyinInitials } from "@/server/modules/patient/rules/name-tokens";
import { isValidMobile, normalisePhone } from "@/server/modules/patient/rules/phone";

describe("身份证号 (GB 11643)", () => {
  it("accepts the standard's example and derives birth date and sex", () => {
    // The example number printed in GB 11643-1999.
    expect(parseIdNumber("11010519491231002X")).toEqual({ ok: true, facts: { normalised: "11010519491231002X", birthDate: "1949-12-31", sex: "female" } });
    expect(parseIdNumber(" 11010519491231002x ")).toMatchObject({ ok: true });
    expect(idNumberCheckChar("11010519491231002")).toBe("X");
    const male = makeIdNumber("330106", "1985-03-07", 123);
    expect(parseIdNumber(male)).toEqual({ ok: true, facts: { normalised: male, birthDate: "1985-03-07", sex: "male" } });
  });

  it("rejects wrong check digits, impossible or future birth dates and bad formats", () => {
    expect(parseIdNumber("110105194912310021")).toEqual({ ok: false, problem: "checksum" });
    expect(parseIdNumber(makeIdNumber("110105", "1990-02-30", 1).slice(0, 17) + "0")).toEqual({ ok: false, problem: "birthDate" });
    const today = new Date(Date.UTC(2026, 0, 1));
    expect(parseIdNumber(makeIdNumber("110105", "2026-06-01", 1), today)).toEqual({ ok: false, problem: "birthDate" });
    for (const bad of ["", "1234", "01010519491231002X", "11010519491231002Y", "1101051949123100", "11010519491231002X1"]) expect([bad, isValidIdNumber(bad)]).toEqual([bad, false]);
  });

  it("every single-digit change is caught", () => {
    const id = makeIdNumber("440304", "1978-08-15", 57);
    for (let i = 0; i < 17; i++) {
      const d = Number(id[i]);
      const changed = id.slice(0, i) + String((d + 1) % 10) + id.slice(i + 1);
      expect(isValidIdNumber(changed)).toBe(false);
    }
  });
});

describe("card numbers (Luhn)", () => {
  it("generates valid numbers and catches single-digit errors and adjacent swaps", () => {
    expect(luhnCheckDigit("7992739871")).toBe("3");
    for (let n = 0; n < 50; n++) {
      const no = makeCardNumber();
      expect(isValidCardNumber(no)).toBe(true);
      const i = n % 11;
      const wrong = no.slice(0, i) + String((Number(no[i]) + 3) % 10) + no.slice(i + 1);
      expect(isValidCardNumber(wrong)).toBe(false);
      if (no[i] !== no[i + 1] && !(`${no[i]}${no[i + 1]}` === "09" || `${no[i]}${no[i + 1]}` === "90")) {
        expect(isValidCardNumber(no.slice(0, i) + no[i + 1] + no[i] + no.slice(i + 2))).toBe(false);
      }
    }
    expect(isValidCardNumber("1234 5678 901")).toBe(false);
    expect(isValidCardNumber("abcdefghijkl")).toBe(false);
  });
});

describe("mobile numbers", () => {
  it("normalises +86, spaces and dashes; rejects non-mobile numbers", () => {
    expect(normalisePhone("+86 138-0013-8000")).toBe("13800138000");
    expect(normalisePhone("8613800138000")).toBe("13800138000");
    for (const bad of ["12800138000", "1380013800", "138001380001", "010-12345678", "abc"]) expect([bad, isValidMobile(bad)]).toEqual([bad, false]);
  });
});

describe("masking", () => {
  it("masks names, phones, ID numbers, emails and addresses", () => {
    expect(maskName("张三")).toBe("张*");
    expect(maskName("张小三")).toBe("张*三");
    expect(maskName("欧阳娜娜")).toBe("欧**娜");
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskIdNumber("330106198503071234")).toBe("3301**********1234");
    expect(maskEmail("zhangsan@example.com")).toBe("z***@example.com");
    expect(maskAddress("浙江省杭州市西湖区文三路")).toBe("浙江省杭州市***");
  });
});

describe("name search terms", () => {
  it("produces name prefixes, the given name and pinyin-initial prefixes (surname readings)", () => {
    expect(pinyinInitials("张三")).toBe("zs");
    expect(pinyinInitials("曾小明")).toBe("zxm");
    expect(pinyinInitials("单雄信")).toBe("sxx");
    expect(nameSearchTerms("张三丰")).toEqual([
      { kind: "name", term: "张" },
      { kind: "name", term: "张三" },
      { kind: "name", term: "张三丰" },
      { kind: "given", term: "三丰" },
      { kind: "initials", term: "zs" },
      { kind: "initials", term: "zsf" },
    ]);
  });
});

describe("age bands", () => {
  it("computes ages and birth-date bounds", () => {
    const today = new Date(Date.UTC(2026, 10, 29));
    expect(ageOn("1980-11-29", today)).toBe(46);
    expect(ageOn("1980-11-30", today)).toBe(45);
    expect(birthDateRangeForAges(20, 35, today)).toEqual({ from: "1990-11-30", to: "2006-11-29" });
  });
});
