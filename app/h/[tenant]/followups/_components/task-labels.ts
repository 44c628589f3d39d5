/** Task kinds the worklist can filter on and label (messages followups.kinds.*). */
export const TASK_KIND_LABELS = [
  "followup_step",
  "followup_routine",
  "followup_recheck",
  "followup_referral",
  "followup_emergency",
  "followup_retry",
  "first_contact",
  "complete_health_record",
  "rule",
] as const;
export type TaskKindLabel = (typeof TASK_KIND_LABELS)[number];

export function isLabelledKind(kind: string): kind is TaskKindLabel {
  return (TASK_KIND_LABELS as readonly string[]).includes(kind);
}

export const FOLLOWUP_CHANNEL_LABELS = ["phone", "visit", "message", "questionnaire"] as const;
export function isLabelledChannel(channel: string | null): channel is (typeof FOLLOWUP_CHANNEL_LABELS)[number] {
  return channel !== null && (FOLLOWUP_CHANNEL_LABELS as readonly string[]).includes(channel);
}
