import type { AbnormalClass } from "./abnormal-classes";
import { classifyResult, type ResultToClassify } from "./classify-result";

export interface Finding {
  observationId: string;
  class: AbnormalClass;
  rule: string;
}

/**
 * The tracked items one batch of a patient's results creates: one item per class, holding every
 * observation of that class (SBP 185 and DBP 115 of one reading are one call to the patient, not two).
 */
export function findingsByClass(results: (ResultToClassify & { observationId: string })[]): Map<AbnormalClass, Finding[]> {
  const byClass = new Map<AbnormalClass, Finding[]>();
  for (const r of results) {
    const c = classifyResult(r);
    if (!c) continue;
    const list = byClass.get(c.class) ?? [];
    list.push({ observationId: r.observationId, class: c.class, rule: c.rule });
    byClass.set(c.class, list);
  }
  return byClass;
}
