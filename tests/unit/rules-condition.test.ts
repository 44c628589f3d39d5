import { describe, expect, it } from "vitest";
import { RISK_MODEL_IDS } from "@/server/modules/risk/models/types";
import { allFacts, RISK_FACT_MODELS } from "@/server/shared/rules/facts";
import { checkCondition, evaluateCondition, explainCondition, factNames, parseCondition, usedFacts } from "@/server/shared/rules/condition";

const universe = { indicators: [{ code: "SBP", unit: "mmHg" }, { code: "DBP", unit: "mmHg" }, { code: "FPG", unit: "mmol/L" }], scores: [{ formCode: "phq9", scoreId: "total" }] };
const hypertensionRisk = {
  or: [
    { and: [{ ">=": [{ var: "indicator.SBP.value" }, 130] }, { "<=": [{ var: "indicator.SBP.value" }, 139] }] },
    { and: [{ ">=": [{ var: "indicator.DBP.value" }, 85] }, { "<=": [{ var: "indicator.DBP.value" }, 89] }] },
  ],
};
const facts = (sbp: number | null, dbp: number | null) => ({ indicator: { SBP: sbp === null ? undefined : { value: sbp }, DBP: dbp === null ? undefined : { value: dbp } } });

describe("rule conditions", () => {
  it("evaluates with json-logic over nested facts", () => {
    expect(evaluateCondition(hypertensionRisk, facts(135, 80))).toBe(true);
    expect(evaluateCondition(hypertensionRisk, facts(120, 87))).toBe(true);
    expect(evaluateCondition(hypertensionRisk, facts(145, 95))).toBe(false);
    expect(evaluateCondition({ ">=": [{ var: "score.phq9.total" }, 10] }, { score: { phq9: { total: 12 } } })).toBe(true);
  });

  it("names the facts a condition reads and stores their values as the reason", () => {
    expect(factNames(hypertensionRisk)).toEqual(["indicator.SBP.value", "indicator.DBP.value"]);
    expect(usedFacts(hypertensionRisk, facts(135, null))).toEqual({ "indicator.SBP.value": 135, "indicator.DBP.value": null });
  });

  it("explains which parts matched", () => {
    const e = explainCondition(hypertensionRisk, facts(135, 80));
    expect(e.result).toBe(true);
    expect(e.children.map((c) => c.result)).toEqual([true, false]);
    expect(e.children[0]!.children.map((c) => c.result)).toEqual([true, true]);
  });

  it("refuses unknown facts (also unknown risk models) and unknown operations by name", () => {
    expect(checkCondition(hypertensionRisk, universe)).toEqual([]);
    expect(checkCondition({ ">": [{ var: "indicator.XYZ.value" }, 1] }, universe)).toEqual([{ message: "errors.ruleUnknownFact", name: "indicator.XYZ.value" }]);
    expect(checkCondition({ "==": [{ var: "risk.chinaPar.level" }, "high"] }, universe)).toEqual([{ message: "errors.ruleUnknownFact", name: "risk.chinaPar.level" }]);
    expect(checkCondition({ and: [{ "==": [{ var: "risk.cvd10.level" }, "high"] }, { var: "record.diabetes" }, { ">=": [{ var: "daysSinceLastContact" }, 90] }] }, universe)).toEqual([]);
    expect(checkCondition({ method: [{ var: "age" }, "toString"] }, universe)).toEqual([{ message: "errors.ruleUnknownOperation", name: "method" }]);
    expect(checkCondition([1, 2], universe)[0]?.message).toBe("errors.ruleConditionNotLogic");
  });

  it("reports JSON that does not parse", () => {
    expect(parseCondition('{"and": [')).toEqual({ ok: false });
    expect(parseCondition('{"var": "age"}')).toEqual({ ok: true, value: { var: "age" } });
  });
});

describe("fact catalogue", () => {
  it("offers one level, severity and score fact for every risk model, and units for measured facts", () => {
    const names = allFacts(universe);
    expect(RISK_FACT_MODELS.map((m) => m.id).sort()).toEqual([...RISK_MODEL_IDS].sort());
    for (const id of RISK_MODEL_IDS) expect(names.filter((f) => f.name.startsWith(`risk.${id}.`)).map((f) => f.name)).toEqual([`risk.${id}.level`, `risk.${id}.severity`, `risk.${id}.score`]);
    expect(names.find((f) => f.name === "indicator.SBP.value")?.unit).toBe("mmHg");
    expect(names.find((f) => f.name === "record.smoking")?.values).toEqual(["never", "former", "current"]);
  });
});
