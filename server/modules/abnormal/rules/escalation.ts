import { isOverdue } from "./deadline";

export interface EscalationCandidate {
  id: string;
  status: string;
  dueAt: Date;
  escalatedAt: Date | null;
  /** Lead of the patient's department, if the patient has a department with a lead. */
  departmentLeadUserId: string | null;
  responsibleUserId: string | null;
}

export interface EscalationDecision {
  itemId: string;
  escalateToUserId: string | null;
}

/**
 * Which items to escalate now: open, past their deadline, not escalated before (so running the job
 * twice escalates nothing the second time). An item whose responsible manager IS the department lead
 * is still escalated (marked overdue for the tenant-wide list) but to nobody else.
 */
export function escalationsDue(items: EscalationCandidate[], now: Date): EscalationDecision[] {
  return items
    .filter((i) => i.escalatedAt === null && isOverdue(i, now))
    .map((i) => ({
      itemId: i.id,
      escalateToUserId: i.departmentLeadUserId && i.departmentLeadUserId !== i.responsibleUserId ? i.departmentLeadUserId : null,
    }));
}
