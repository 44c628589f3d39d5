/**
 * 重要异常结果 classes (健康体检重要异常结果管理专家共识 试行版 2019):
 * A — needs immediate intervention; B — needs further work-up or treatment.
 */
export const ABNORMAL_CLASSES = ["A", "B"] as const;
export type AbnormalClass = (typeof ABNORMAL_CLASSES)[number];

/** What closes an item: the patient was told, saw a doctor, was diagnosed, or declined. */
export const ABNORMAL_OUTCOMES = ["notified", "seen_doctor", "diagnosed", "declined"] as const;
export type AbnormalOutcome = (typeof ABNORMAL_OUTCOMES)[number];

export const ABNORMAL_STATUSES = ["open", "closed"] as const;
export type AbnormalStatus = (typeof ABNORMAL_STATUSES)[number];

/** A before B wherever items are ranked. */
export function classRank(c: AbnormalClass): number {
  return c === "A" ? 0 : 1;
}
