import { describe, expect, it } from "vitest";
import { goalProgress } from "@/server/modules/plan/goal-progress";

const at = (iso: string) => new Date(`${iso}T08:00:00Z`);

describe("goal progress", () => {
  const sbp = { comparator: "lt" as const, target: 130, baseline: 150, startDate: "2026-01-01", dueDate: "2026-05-01" };

  it("SBP 150 → 140 halfway through the period: covered (140−150)/(130−150) = 0.5, expected 0.5 → on track", () => {
    // 2026-01-01 → 2026-05-01 is 120 days; 2026-03-02 is day 60 → expected 0.5
    const r = goalProgress(sbp, [{ value: 140, at: at("2026-03-01") }], "2026-03-02");
    expect(r.progress).toBeCloseTo(0.5, 5);
    expect(r.expected).toBeCloseTo(0.5, 5);
    expect(r.status).toBe("on_track");
  });

  it("SBP 148 at 90 % of the period: covered 0.1 < 0.9 − 0.15 → off track", () => {
    // day 108 of 120 → expected 0.9
    expect(goalProgress(sbp, [{ value: 148, at: at("2026-04-18") }], "2026-04-19").status).toBe("off_track");
  });

  it("the latest value decides: 128 < 130 → met, progress 1", () => {
    const r = goalProgress(sbp, [{ value: 145, at: at("2026-02-01") }, { value: 128, at: at("2026-03-01") }], "2026-03-02");
    expect([r.status, r.progress, r.latest]).toEqual(["met", 1, 128]);
  });

  it("130 is not < 130 (strict), but is ≤ 130", () => {
    expect(goalProgress(sbp, [{ value: 130, at: at("2026-03-01") }], "2026-03-02").status).not.toBe("met");
    expect(goalProgress({ ...sbp, comparator: "le" }, [{ value: 130, at: at("2026-03-01") }], "2026-03-02").status).toBe("met");
  });

  it("weight −3 kg from 80: 78 covers 2/3, 77 is met", () => {
    const w = { comparator: "decrease_by" as const, target: 3, baseline: 80, startDate: "2026-01-01", dueDate: "2026-07-01" };
    expect(goalProgress(w, [{ value: 78, at: at("2026-02-01") }], "2026-02-02").progress).toBeCloseTo(2 / 3, 5);
    expect(goalProgress(w, [{ value: 77, at: at("2026-03-01") }], "2026-03-02").status).toBe("met");
  });

  it("no measurement since the start → no data; after the due date → missed", () => {
    expect(goalProgress(sbp, [{ value: 120, at: at("2025-12-01") }], "2026-02-01").status).toBe("no_data");
    expect(goalProgress(sbp, [], "2026-05-02").status).toBe("missed");
    expect(goalProgress(sbp, [{ value: 135, at: at("2026-04-01") }], "2026-05-02").status).toBe("missed");
  });
});
