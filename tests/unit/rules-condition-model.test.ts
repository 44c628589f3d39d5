import { describe, expect, it } from "vitest";
import { fromBuilder, operatorsFor, toBuilder, type Group } from "@/app/h/[tenant]/rules/_lib/condition-model";
import { evaluateCondition } from "@/server/shared/rules/condition";

const v = (name: string) => ({ var: name });

describe("condition builder model", () => {
  it("reads nested any/all groups of comparisons and writes the same JSON-logic back", () => {
    const htn = { or: [{ and: [{ ">=": [v("indicator.SBP.value"), 130] }, { "<=": [v("indicator.SBP.value"), 139] }] }, { and: [{ ">=": [v("indicator.DBP.value"), 85] }, { "<=": [v("indicator.DBP.value"), 89] }] }] };
    const model = toBuilder(htn)!;
    expect(model.match).toBe("any");
    expect(model.items).toHaveLength(2);
    expect((model.items[0] as Group).items[0]).toEqual({ kind: "comparison", fact: "indicator.SBP.value", op: ">=", value: 130 });
    // "at most" is written with a null guard; reading it back gives the same model.
    expect(toBuilder(fromBuilder(model))).toEqual(model);
  });

  it("guards 'less than' so a missing value does not match, and reads the seeded !! guard as one comparison", () => {
    const lt = fromBuilder({ kind: "group", match: "all", items: [{ kind: "comparison", fact: "indicator.HDLC.value", op: "<", value: 1 }] });
    expect(evaluateCondition(lt, { indicator: {} })).toBe(false);
    expect(evaluateCondition(lt, { indicator: { HDLC: { value: 0.8 } } })).toBe(true);
    const seeded = { and: [{ "!!": [v("indicator.HDLC.value")] }, { "<": [v("indicator.HDLC.value"), 1.0] }] };
    expect(toBuilder(seeded)!.items).toEqual([{ kind: "comparison", fact: "indicator.HDLC.value", op: "<", value: 1 }]);
  });

  it("maps tags to 'contains', wraps a lone comparison, and refuses what it cannot show", () => {
    const tags = { in: ["糖尿病", v("tags")] };
    expect(toBuilder(tags)).toEqual({ kind: "group", match: "all", items: [{ kind: "comparison", fact: "tags", op: "in", value: "糖尿病" }] });
    expect(evaluateCondition(fromBuilder(toBuilder(tags)!), { tags: ["糖尿病"] })).toBe(true);
    expect(toBuilder({ ">": [{ "+": [v("age"), 1] }, 60] })).toBeNull();
    expect(toBuilder({ if: [true, 1, 2] })).toBeNull();
    expect(operatorsFor("string[]")).toEqual(["in"]);
    expect(operatorsFor("boolean")).toEqual(["==", "!="]);
  });
});
