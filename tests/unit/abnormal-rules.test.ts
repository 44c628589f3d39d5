import { describe, expect, it } from "vitest";
import { abnormalDeadline, isOverdue } from "@/server/modules/abnormal/rules/deadline";
import { classifyResult, type ResultToClassify } from "@/server/modules/abnormal/rules/classify-result";
import { escalationsDue, type EscalationCandidate } from "@/server/modules/abnormal/rules/escalation";
import { findingsByClass } from "@/server/modules/abnormal/rules/group-findings";

const male = (code: string, value: number, extra: Partial<ResultToClassify> = {}): ResultToClassify => ({ code, value, sex: "male", ...extra });
const cls = (r: ResultToClassify) => classifyResult(r)?.class ?? null;
const rule = (r: ResultToClassify) => classifyResult(r)?.rule ?? null;

describe("重要异常结果 classification at every cut-off", () => {
  // [code, value just on the A side, value just outside A, expected class just outside]
  const cases: [string, number, number, "B" | null][] = [
    ["SBP", 180, 179, "B"],
    ["DBP", 110, 109, "B"],
    ["HR", 150, 149, null],
    ["HR", 45, 46, null],
    ["HB", 60, 61, "B"],
    ["PLT", 30, 31, "B"],
    ["FPG", 16.7, 16.6, "B"],
    ["GLU", 16.7, 16.6, null],
    ["PG2H", 16.7, 16.6, "B"],
    ["FPG", 3.9, 4.0, null],
    ["GLU", 3.9, 4.0, null],
  ];
  it.each(cases)("%s %d is class A, %d is %s", (code, onA, justOutside, expected) => {
    expect(cls(male(code, onA))).toBe("A");
    expect(cls(male(code, justOutside))).toBe(expected);
  });

  it("names the rule that fired", () => {
    expect(rule(male("SBP", 185))).toBe("A.sbp_180");
    expect(rule(male("HR", 40))).toBe("A.hr_45");
    expect(rule(male("HR", 160))).toBe("A.hr_150");
    expect(rule(male("FPG", 2.8))).toBe("A.glucose_3_9");
    expect(rule(male("HB", 55))).toBe("A.hb_60");
  });

  it("class B cut-offs: each boundary value and the one just below", () => {
    const b: [string, number, number][] = [
      ["SBP", 160, 159],
      ["DBP", 100, 99],
      ["FPG", 7.0, 6.9],
      ["PG2H", 11.1, 11.0],
      ["HBA1C", 6.5, 6.4],
      ["TC", 6.2, 6.1],
      ["LDLC", 4.1, 4.0],
      ["TG", 2.3, 2.2],
    ];
    for (const [code, on, below] of b) {
      expect([code, on, cls(male(code, on))]).toEqual([code, on, "B"]);
      expect([code, below, cls(male(code, below))]).toEqual([code, below, null]);
    }
    expect(cls(male("EGFR", 59.9))).toBe("B");
    expect(cls(male("EGFR", 60))).toBeNull();
    expect(cls(male("UA", 421))).toBe("B");
    expect(cls(male("UA", 420))).toBeNull();
    expect(cls(male("K", 3.4))).toBe("B");
    expect(cls(male("K", 3.5))).toBeNull();
    expect(cls(male("K", 5.3))).toBeNull();
    expect(cls(male("K", 5.4))).toBe("B");
  });

  it("ALT/AST at 3× the upper limit: the lab's own limit wins over the sex default", () => {
    expect(cls(male("ALT", 150))).toBe("B"); // male ULN 50
    expect(cls(male("ALT", 149))).toBeNull();
    expect(cls({ code: "ALT", value: 120, sex: "female" })).toBe("B"); // female ULN 40
    expect(cls(male("ALT", 120, { referenceHigh: 40 }))).toBe("B");
    expect(cls(male("ALT", 150, { referenceHigh: 60 }))).toBeNull();
    expect(cls(male("AST", 120))).toBe("B");
  });

  it("Hb and PLT below range are B, at or below the A limits A", () => {
    expect(cls({ code: "HB", value: 114, sex: "female" })).toBe("B");
    expect(cls({ code: "HB", value: 115, sex: "female" })).toBeNull();
    expect(cls(male("HB", 129))).toBe("B");
    expect(cls(male("HB", 129, { referenceLow: 120 }))).toBeNull();
    expect(cls(male("PLT", 124))).toBe("B");
    expect(cls(male("PLT", 125))).toBeNull();
  });

  it("a lab critical flag (HH/LL) is class A even for an indicator without a rule", () => {
    expect(classifyResult(male("CREA", 900, { flag: "HH" }))).toEqual({ class: "A", rule: "A.lab_critical" });
    expect(classifyResult(male("CREA", 900, { flag: "H" }))).toBeNull();
    expect(classifyResult(male("SBP", 120, { flag: "ll" }))).toEqual({ class: "A", rule: "A.lab_critical" });
  });

  it("ignores non-finite values and unknown codes", () => {
    expect(classifyResult(male("SBP", Number.NaN))).toBeNull();
    expect(classifyResult(male("WAIST", 200))).toBeNull();
  });

  it("groups one reading's SBP and DBP into one class-A item and keeps B findings apart", () => {
    const groups = findingsByClass([
      { observationId: "o1", ...male("SBP", 185) },
      { observationId: "o2", ...male("DBP", 112) },
      { observationId: "o3", ...male("LDLC", 4.5) },
      { observationId: "o4", ...male("HR", 72) },
    ]);
    expect(groups.get("A")?.map((f) => f.observationId)).toEqual(["o1", "o2"]);
    expect(groups.get("B")).toEqual([{ observationId: "o3", class: "B", rule: "B.ldl_4_1" }]);
    expect(groups.size).toBe(2);
  });
});

describe("deadlines in the tenant's time zone", () => {
  it("class A is due at the next local midnight (Asia/Shanghai, UTC+8)", () => {
    // 2026-11-29 22:30 in Shanghai is 14:30 UTC; due at 2026-11-30 00:00 Shanghai = 2026-11-29 16:00 UTC.
    expect(abnormalDeadline("A", new Date("2026-11-29T14:30:00Z"), "Asia/Shanghai").toISOString()).toBe("2026-11-29T16:00:00.000Z");
    // 2026-11-29 17:00 UTC is already 30 Nov 01:00 in Shanghai → due at 1 Dec 00:00 Shanghai.
    expect(abnormalDeadline("A", new Date("2026-11-29T17:00:00Z"), "Asia/Shanghai").toISOString()).toBe("2026-11-30T16:00:00.000Z");
    // The same instant in UTC is due at UTC midnight.
    expect(abnormalDeadline("A", new Date("2026-11-29T17:00:00Z"), "UTC").toISOString()).toBe("2026-11-30T00:00:00.000Z");
  });

  it("class B is due at the end of the 7th local day, across a month end", () => {
    expect(abnormalDeadline("B", new Date("2026-11-29T02:00:00Z"), "Asia/Shanghai").toISOString()).toBe("2026-12-06T16:00:00.000Z");
  });

  it("handles a DST change (America/New_York, 2026-11-01)", () => {
    // Found 31 Oct 2026 12:00 EDT; B due at the end of 7 Nov EST = 8 Nov 05:00 UTC.
    expect(abnormalDeadline("B", new Date("2026-10-31T16:00:00Z"), "America/New_York").toISOString()).toBe("2026-11-08T05:00:00.000Z");
    // Found 1 Nov 2026 00:30 EDT (before the change); A due at 2 Nov 00:00 EST = 05:00 UTC.
    expect(abnormalDeadline("A", new Date("2026-11-01T04:30:00Z"), "America/New_York").toISOString()).toBe("2026-11-02T05:00:00.000Z");
  });

  it("an item is overdue from its deadline on, and never once closed", () => {
    const dueAt = new Date("2026-11-29T16:00:00Z");
    expect(isOverdue({ status: "open", dueAt }, new Date("2026-11-29T15:59:59Z"))).toBe(false);
    expect(isOverdue({ status: "open", dueAt }, dueAt)).toBe(true);
    expect(isOverdue({ status: "closed", dueAt }, new Date("2026-12-29T00:00:00Z"))).toBe(false);
  });
});

describe("escalation", () => {
  const now = new Date("2026-11-30T00:00:00Z");
  const base: EscalationCandidate = { id: "i1", status: "open", dueAt: new Date("2026-11-29T16:00:00Z"), escalatedAt: null, departmentLeadUserId: "lead", responsibleUserId: "mgr" };

  it("escalates an overdue open item to the department lead", () => {
    expect(escalationsDue([base], now)).toEqual([{ itemId: "i1", escalateToUserId: "lead" }]);
  });

  it("is idempotent: an item already escalated is not escalated again", () => {
    expect(escalationsDue([{ ...base, escalatedAt: new Date("2026-11-29T16:05:00Z") }], now)).toEqual([]);
  });

  it("leaves items that are not yet due or closed alone", () => {
    expect(escalationsDue([{ ...base, dueAt: new Date("2026-11-30T00:00:01Z") }, { ...base, id: "i2", status: "closed" }], now)).toEqual([]);
  });

  it("marks overdue without a target when there is no lead or the manager is the lead", () => {
    expect(escalationsDue([{ ...base, departmentLeadUserId: null }, { ...base, id: "i3", departmentLeadUserId: "mgr" }], now)).toEqual([
      { itemId: "i1", escalateToUserId: null },
      { itemId: "i3", escalateToUserId: null },
    ]);
  });
});
