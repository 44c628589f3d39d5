import type { TemplateQuestion } from "./template-steps";

export type Answers = Record<string, string | number | boolean>;

/** The first problem with answers to a step's questions (an `errors.*` key), or null. */
export function answersProblem(questions: readonly TemplateQuestion[], answers: Answers): string | null {
  const known = new Map(questions.map((q) => [q.key, q]));
  for (const key of Object.keys(answers)) if (!known.has(key)) return "answerUnknown";
  for (const q of questions) {
    const a = answers[q.key];
    if (a === undefined || a === "") {
      if (q.required) return "answerRequired";
      continue;
    }
    if (q.type === "yesno" && typeof a !== "boolean") return "answerInvalid";
    if (q.type === "number" && (typeof a !== "number" || !Number.isFinite(a))) return "answerInvalid";
    if (q.type === "text" && (typeof a !== "string" || a.length > 2000)) return "answerInvalid";
    if (q.type === "choice" && !(q.options ?? []).some((o) => o.value === a)) return "answerInvalid";
  }
  return null;
}
