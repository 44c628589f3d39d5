import { describe, expect, it } from "vitest";
import { SEED_TEMPLATES } from "@/db/seed/followup-templates";
import { localDate, localDayBounds, localTimeOn } from "@/server/modules/followup/rules/local-day";
import { addDays, afterTaskCreated, firstDue, taskUniqueKey } from "@/server/modules/followup/rules/plan-schedule";
import { stepsProblem, ZTemplateStep, type TemplateStep } from "@/server/modules/followup/rules/template-steps";

const anchor = new Date("2026-11-01T01:00:00Z");
const step = (offsetDays: number, repeatEveryDays: number | null = null): TemplateStep => ZTemplateStep.parse({ offsetDays, repeatEveryDays, channel: "phone", title: "t" });

describe("template plan calendar", () => {
  const steps = [step(7), step(15), step(30)];

  it("walks day 7, 15, 30 after the anchor, then stops", () => {
    const plan = { anchorAt: anchor, guideline: null };
    const first = firstDue(anchor, steps);
    expect(first).toEqual({ stepIndex: 0, dueAt: addDays(anchor, 7) });
    const second = afterTaskCreated(plan, steps, first)!;
    expect(second).toEqual({ stepIndex: 1, dueAt: addDays(anchor, 15) });
    const third = afterTaskCreated(plan, steps, second)!;
    expect(third).toEqual({ stepIndex: 2, dueAt: addDays(anchor, 30) });
    expect(afterTaskCreated(plan, steps, third)).toBeNull();
  });

  it("a repeating last step comes back every n days from its own due date", () => {
    const plan = { anchorAt: anchor, guideline: null };
    const rep = [step(0), step(30, 90)];
    const second = afterTaskCreated(plan, rep, { stepIndex: 0, dueAt: anchor })!;
    expect(second).toEqual({ stepIndex: 1, dueAt: addDays(anchor, 30) });
    expect(afterTaskCreated(plan, rep, second)).toEqual({ stepIndex: 1, dueAt: addDays(anchor, 120) });
  });

  it("guideline plans wait for the recorded visit", () => {
    expect(afterTaskCreated({ anchorAt: anchor, guideline: "hypertension" }, [step(0, 90)], { stepIndex: 0, dueAt: anchor })).toBeNull();
  });

  it("unique keys differ per occurrence and per plan", () => {
    expect(taskUniqueKey("p1", 1)).not.toBe(taskUniqueKey("p1", 2));
    expect(taskUniqueKey("p1", 1)).not.toBe(taskUniqueKey("p2", 1));
  });
});

describe("template validation", () => {
  it("accepts the seeded templates", () => {
    for (const t of SEED_TEMPLATES) expect(stepsProblem(t.steps.map((s) => ZTemplateStep.parse(s)))).toBeNull();
  });

  it("names the first problem", () => {
    expect(stepsProblem([])).toBe("templateNoSteps");
    expect(stepsProblem([step(15), step(7)])).toBe("templateStepsOrder");
    expect(stepsProblem([step(7, 30), step(15)])).toBe("templateRepeatNotLast");
    const dupKeys = { ...step(7), questions: [ { key: "a", label: "A", type: "yesno" as const, required: false }, { key: "a", label: "B", type: "yesno" as const, required: false } ] };
    expect(stepsProblem([dupKeys])).toBe("templateQuestionKeys");
    const choice = { ...step(7), questions: [{ key: "c", label: "C", type: "choice" as const, required: false, options: [{ value: "x", label: "X" }] }] };
    expect(stepsProblem([choice])).toBe("templateChoiceOptions");
  });

  it("refuses out-of-range offsets and repeats", () => {
    expect(ZTemplateStep.safeParse({ offsetDays: -1, channel: "phone", title: "t" }).success).toBe(false);
    expect(ZTemplateStep.safeParse({ offsetDays: 0, repeatEveryDays: 6, channel: "phone", title: "t" }).success).toBe(false);
    expect(ZTemplateStep.safeParse({ offsetDays: 0, channel: "fax", title: "t" }).success).toBe(false);
  });
});


describe("tenant-local days", () => {
  it("Shanghai midnight is 16:00 UTC the day before", () => {
    const { start, end } = localDayBounds(new Date("2026-11-29T03:00:00Z"), "Asia/Shanghai");
    expect(start.toISOString()).toBe("2026-11-28T16:00:00.000Z");
    expect(end.toISOString()).toBe("2026-11-29T16:00:00.000Z");
  });

  it("just before and after local midnight fall on different dates", () => {
    expect(localDate(new Date("2026-11-29T15:59:59Z"), "Asia/Shanghai")).toBe("2026-11-29");
    expect(localDate(new Date("2026-11-29T16:00:00Z"), "Asia/Shanghai")).toBe("2026-11-30");
  });

  it("a day with a daylight-saving change is 23 hours long", () => {
    const { start, end } = localDayBounds(new Date("2026-03-08T15:00:00Z"), "America/New_York");
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
    expect(localTimeOn("2026-03-08", 9, 0, "America/New_York").toISOString()).toBe("2026-03-08T13:00:00.000Z");
  });
});
