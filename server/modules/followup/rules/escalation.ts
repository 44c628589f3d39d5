/**
 * Overdue follow-up tasks go to the lead of the patient's department once they have been overdue for
 * the tenant's configured delay. Pure.
 */
export const DEFAULT_ESCALATE_AFTER_HOURS = 48;

/** Tasks due at or before this instant are escalated now. */
export function escalationCutoff(now: Date, escalateAfterHours: number): Date {
  return new Date(now.getTime() - escalateAfterHours * 3_600_000);
}

/** The lead, unless there is none or the lead is the one who holds the task (escalating to oneself says nothing). */
export function escalationTarget(departmentLeadUserId: string | null, assigneeUserId: string | null): string | null {
  return departmentLeadUserId && departmentLeadUserId !== assigneeUserId ? departmentLeadUserId : null;
}
