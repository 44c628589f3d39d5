import { describe, expect, it } from "vitest";
import { GAD7 } from "@/server/modules/forms/library/gad7";
import { LIFESTYLE } from "@/server/modules/forms/library/lifestyle";
import { PHQ9 } from "@/server/modules/forms/library/phq9";
import { BUILTIN_FORMS } from "@/server/modules/forms/library";
import { checkAnswers, enabledItems, splitFreeText, type TAnswers } from "@/server/shared/forms/answers";
import { ZFormDocument } from "@/server/shared/forms/document";
import { computeScores } from "@/server/shared/forms/scoring";

const phq = (values: number[]): TAnswers => Object.fromEntries(values.map((v, i) => [`phq9_${i + 1}`, String(v)]));
const gad = (values: number[]): TAnswers => Object.fromEntries(values.map((v, i) => [`gad7_${i + 1}`, String(v)]));
const score = (doc: typeof PHQ9, answers: TAnswers, id = "total") => computeScores(doc, answers).find((s) => s.id === id)!;

describe("built-in library", () => {
  it("every built-in form is a valid document", () => {
    for (const f of BUILTIN_FORMS) expect(ZFormDocument.safeParse(f.document).success, f.code).toBe(true);
  });
});

describe("PHQ-9 scoring (Kroenke 2001 bands)", () => {
  it.each([
    [[0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "Minimal depression", "normal"],
    [[1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "Minimal depression", "normal"],
    [[1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "Mild depression", "attention"],
    [[1, 2, 1, 3, 0, 1, 2, 0, 0], 10, "Moderate depression", "high"],
    [[2, 2, 2, 2, 2, 2, 2, 1, 0], 15, "Moderately severe depression", "high"],
    [[3, 3, 2, 2, 2, 2, 2, 2, 2], 20, "Severe depression", "critical"],
    [[3, 3, 3, 3, 3, 3, 3, 3, 3], 27, "Severe depression", "critical"],
  ])("%j → %i (%s)", (values, total, label, severity) => {
    const s = score(PHQ9, phq(values));
    expect(s.value).toBe(total);
    expect(s.answered).toBe(9);
    expect(s.band?.label.en).toBe(label);
    expect(s.band?.severity).toBe(severity);
  });

  it("reports item 9 (self-harm) on its own: any answer above 0 is critical", () => {
    expect(score(PHQ9, phq([0, 0, 0, 0, 0, 0, 0, 0, 1]), "selfHarm").band?.severity).toBe("critical");
    expect(score(PHQ9, phq([3, 3, 3, 3, 3, 3, 3, 3, 0]), "selfHarm").band?.severity).toBe("normal");
  });

  it("asks the difficulty question only when some problem was checked (enable-when, behaviour any)", () => {
    expect(enabledItems(PHQ9, phq([0, 0, 0, 0, 0, 0, 0, 0, 0])).has("phq9_difficulty")).toBe(false);
    expect(enabledItems(PHQ9, phq([0, 0, 0, 0, 0, 0, 0, 2, 0])).has("phq9_difficulty")).toBe(true);
  });

  it("requires all nine items on submission and names the missing one", () => {
    const answers = phq([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    delete answers.phq9_4;
    expect(checkAnswers(PHQ9, answers, { complete: true }).problems).toEqual([{ linkId: "phq9_4", message: "errors.formAnswerRequired" }]);
    expect(checkAnswers(PHQ9, answers, { complete: false }).problems).toEqual([]);
  });
});

describe("GAD-7 scoring (Spitzer 2006 bands)", () => {
  it.each([
    [[0, 0, 0, 0, 0, 0, 0], 0, "Minimal anxiety"],
    [[1, 1, 1, 1, 1, 0, 0], 5, "Mild anxiety"],
    [[2, 2, 3, 1, 1, 2, 0], 11, "Moderate anxiety"],
    [[3, 2, 2, 2, 2, 2, 2], 15, "Severe anxiety"],
    [[3, 3, 3, 3, 3, 3, 3], 21, "Severe anxiety"],
  ])("%j → %i (%s)", (values, total, label) => {
    const s = score(GAD7, gad(values));
    expect(s.value).toBe(total);
    expect(s.band?.label.en).toBe(label);
    expect(s.band?.label["zh-CN"]).toMatch(/焦虑/);
  });
});

describe("answers", () => {
  it("drops the answer of an item that its condition hides, and requires it when shown", () => {
    const shown = checkAnswers(LIFESTYLE, { smokingStatus: "current", drinking: "never", exerciseMinutes: 150, sleepHours: 7 }, { complete: true });
    expect(shown.problems).toEqual([{ linkId: "cigarettesPerDay", message: "errors.formAnswerRequired" }]);
    const hidden = checkAnswers(LIFESTYLE, { smokingStatus: "never", cigarettesPerDay: 10, drinking: "never", exerciseMinutes: 150, sleepHours: 7 }, { complete: true });
    expect(hidden.problems).toEqual([]);
    expect(hidden.answers.cigarettesPerDay).toBeUndefined();
  });

  it("refuses wrong types, unknown options, out-of-range numbers and unknown items by name", () => {
    const { problems } = checkAnswers(LIFESTYLE, { smokingStatus: "sometimes", exerciseMinutes: 12.5, sleepHours: 30, drinking: true, nope: 1 }, { complete: false });
    expect(problems).toEqual(
      expect.arrayContaining([
        { linkId: "nope", message: "errors.formAnswerUnknownItem" },
        { linkId: "smokingStatus", message: "errors.formAnswerOption" },
        { linkId: "exerciseMinutes", message: "errors.formAnswerType" },
        { linkId: "sleepHours", message: "errors.formAnswerOutOfRange" },
        { linkId: "drinking", message: "errors.formAnswerType" },
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it("separates free text (sealed at rest) from structured answers", () => {
    const doc = ZFormDocument.parse({
      title: { "zh-CN": "测试", en: "Test" },
      items: [
        { linkId: "note", type: "text", text: { "zh-CN": "备注", en: "Note" } },
        { linkId: "fh", type: "openChoice", text: { "zh-CN": "家族史", en: "Family" }, options: [{ code: "no", text: { "zh-CN": "无", en: "No" } }] },
        { linkId: "n", type: "integer", text: { "zh-CN": "数", en: "N" } },
      ],
    });
    expect(splitFreeText(doc, { note: "胸闷两周", fh: { other: "父亲高血压" }, n: 3 })).toEqual({ clear: { n: 3 }, freeText: { note: "胸闷两周", fh: { other: "父亲高血压" } } });
  });
});

describe("document validation", () => {
  const base = { title: { "zh-CN": "表", en: "Form" } };
  const text = { "zh-CN": "题", en: "Q" };
  it("refuses a condition on a later question, duplicate ids and a score over an unknown item", () => {
    const result = ZFormDocument.safeParse({
      ...base,
      items: [
        { linkId: "a", type: "boolean", text, enableWhen: [{ question: "b", operator: "=", answer: true }] },
        { linkId: "b", type: "boolean", text },
        { linkId: "b", type: "integer", text },
      ],
      scores: [{ id: "s", title: text, items: ["zz"] }],
    });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining(["items.a.enableWhen.b:errors.formEnableWhenUnknown", "items.b:errors.formLinkIdDuplicate", "scores.s.zz:errors.formScoreItemUnknown"]),
    );
  });
});
