import type { ColumnType } from "kysely";
import type { AuditTables, CreatedAt, WithDefault } from "./audit";
import type { RiskCareTables } from "./risk-care";

export interface DepartmentsTable {
  id: string;
  name: string;
  name_en: string | null;
  lead_user_id: string | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

/** Tables of one tenant schema (`t_<slug>`). Identical in every tenant. */
export type TenantDatabase = AuditTables & {
  departments: DepartmentsTable;
  patients: PatientsTable;
  patient_search_tokens: PatientSearchTokensTable;
  member_cards: MemberCardsTable;
  health_records: HealthRecordsTable;
  health_record_versions: HealthRecordVersionsTable;
  tags: TagsTable;
  patient_tags: PatientTagsTable;
  patient_tag_events: PatientTagEventsTable;
  department_staff: DepartmentStaffTable;
  patient_assignments: PatientAssignmentsTable;
  worklist_tasks: WorklistTasksTable;
  patient_events: PatientEventsTable;
  family_links: FamilyLinksTable;
  outbox_events: OutboxEventsTable;
  job_failures: JobFailuresTable;
  followup_templates: FollowupTemplatesTable;
  followup_template_versions: FollowupTemplateVersionsTable;
  followup_plans: FollowupPlansTable;
  followup_records: FollowupRecordsTable;
  call_sessions: CallSessionsTable;
  call_recordings: CallRecordingsTable;
  followup_settings: FollowupSettingsTable;
  followup_digests: FollowupDigestsTable;
  indicators: IndicatorsTable;
  indicator_ranges: IndicatorRangesTable;
  indicator_units: IndicatorUnitsTable;
  import_mappings: ImportMappingsTable;
  import_batches: ImportBatchesTable;
  import_batch_rows: ImportBatchRowsTable;
  exam_reports: ExamReportsTable;
  observations: ObservationsTable;
  patient_external_ids: PatientExternalIdsTable;
  results_match_queue: ResultsMatchQueueTable;
  patient_consents: PatientConsentsTable;
  messaging_settings: MessagingSettingsTable;
  reminders: RemindersTable;
  reminder_deliveries: ReminderDeliveriesTable;
  dev_outbox_messages: DevOutboxMessagesTable;
  abnormal_items: AbnormalItemsTable;
  abnormal_item_observations: AbnormalItemObservationsTable;
  abnormal_item_events: AbnormalItemEventsTable;
  form_definitions: FormDefinitionsTable;
  form_versions: FormVersionsTable;
  form_responses: FormResponsesTable;
  rules: RulesTable;
  rule_versions: RuleVersionsTable;
  rule_matches: RuleMatchesTable;
  rule_action_log: RuleActionLogTable;
  rule_runs: RuleRunsTable;
} & RiskCareTables;

/** A `date` column: node-postgres reads it as a Date at local midnight; written as 'YYYY-MM-DD'. */
export type DateOnly = ColumnType<Date | string, string, string>;
type Json<T> = ColumnType<T, string, string>;

/** `_sealed`: AES-256-GCM ciphertext under the patient's key; `_bidx`: keyed HMAC (never plaintext). */
export interface PatientsTable {
  id: string;
  key_sealed: string | null;
  name_sealed: string;
  id_number_sealed: string | null;
  id_number_bidx: string | null;
  phone_sealed: string | null;
  phone_bidx: string | null;
  email_sealed: string | null;
  address_sealed: string | null;
  emergency_contact_sealed: string | null;
  notes_sealed: string | null;
  sex: "male" | "female" | "unknown";
  birth_date: ColumnType<Date | string | null, string | null, string | null>;
  source_channel: string | null;
  department_id: string | null;
  manager_user_id: string | null;
  status: WithDefault<"active" | "archived">;
  last_contact_at: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

export interface PatientSearchTokensTable {
  token: string;
  patient_id: string;
}

export type CardStatus = "active" | "frozen" | "expired" | "cancelled";
export interface Entitlement {
  code: string;
  name: string;
  remaining: number;
}

export interface MemberCardsTable {
  id: string;
  patient_id: string;
  card_no_sealed: string;
  card_no_bidx: string;
  level: string;
  service_package: string | null;
  valid_from: DateOnly;
  valid_to: DateOnly;
  status: WithDefault<CardStatus>;
  entitlements: ColumnType<Entitlement[], string | undefined, string>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

export interface HealthRecordsTable {
  patient_id: string;
  version: number;
  data_sealed: string;
  /** Structured rule facts of the record (server/modules/rules/record-facts.ts); null before its first save with them. */
  facts: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  updated_by: string | null;
  updated_at: WithDefault<Date>;
}

export interface HealthRecordVersionsTable {
  id: string;
  patient_id: string;
  version: number;
  data_sealed: string;
  changed_fields: Json<string[]>;
  changed_by: string | null;
  changed_at: CreatedAt;
}

export interface TagsTable {
  id: string;
  name: string;
  colour: string;
  category: string | null;
  sensitive: WithDefault<boolean>;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

export interface PatientTagsTable {
  patient_id: string;
  tag_id: string;
  source: "manual" | "rule";
  rule_id: string | null;
  reason: string | null;
  added_by: string | null;
  added_at: CreatedAt;
  /** Automatic tags: the rule version and the facts that made it fire (the "why"). */
  rule_version: WithDefault<number | null>;
  rule_facts: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}

export interface PatientTagEventsTable {
  id: string;
  patient_id: string;
  tag_id: string;
  action: "add" | "remove";
  source: "manual" | "rule";
  rule_id: string | null;
  reason: string | null;
  actor_user_id: string | null;
  occurred_at: CreatedAt;
  rule_version: WithDefault<number | null>;
}

export interface DepartmentStaffTable {
  department_id: string;
  user_id: string;
}

export interface PatientAssignmentsTable {
  id: string;
  patient_id: string;
  from_user_id: string | null;
  to_user_id: string | null;
  reason: string;
  actor_user_id: string | null;
  occurred_at: CreatedAt;
}

export interface WorklistTasksTable {
  id: string;
  assignee_user_id: string | null;
  patient_id: string;
  kind: string;
  status: WithDefault<"open" | "done" | "cancelled">;
  due_at: Date | null;
  created_at: CreatedAt;
  completed_at: Date | null;
  /** Set for tasks a follow-up plan created (with the step and a unique key per plan occurrence). */
  plan_id: ColumnType<string | null, string | null | undefined, string | null>;
  step_index: ColumnType<number | null, number | null | undefined, number | null>;
  channel: ColumnType<string | null, string | null | undefined, string | null>;
  unique_key: ColumnType<string | null, string | null | undefined, string | null>;
  escalated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  escalated_to_user_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when a rule created the task. */
  rule_id: WithDefault<string | null>;
}

/** Timeline entries: ids and non-identifying facts only (never names, phones or note text). */
export interface PatientEventsTable {
  id: string;
  patient_id: string;
  kind: string;
  actor_user_id: string | null;
  details: Json<Record<string, unknown>>;
  occurred_at: CreatedAt;
}

export interface FamilyLinksTable {
  id: string;
  patient_id: string;
  related_patient_id: string;
  relation: string;
  created_by: string | null;
  created_at: CreatedAt;
}

/** Transactional outbox: written in the domain change's transaction, delivered by the relay. Ids only in `payload`. */
export interface OutboxEventsTable {
  id: string;
  event_name: string;
  payload: Json<Record<string, unknown>>;
  status: WithDefault<"pending" | "sent" | "dead">;
  available_at: WithDefault<Date>;
  attempts: WithDefault<number>;
  claimed_until: Date | null;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Date | null;
}

/** Dead-letter list: background work that exhausted its retries (error text is redacted of contact data). */
export interface JobFailuresTable {
  id: string;
  function_id: string;
  event_name: string;
  event_id: string | null;
  payload: Json<Record<string, unknown>>;
  error: string;
  attempts: number;
  failed_at: CreatedAt;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: "retried" | "dismissed" | null;
}

export interface FollowupTemplatesTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  current_version: number;
  active: WithDefault<boolean>;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

/** Immutable once written: editing a template adds a version; running plans keep theirs. */
export interface FollowupTemplateVersionsTable {
  id: string;
  template_id: string;
  version: number;
  guideline: "hypertension" | "diabetes" | null;
  /** TemplateStep[] (server/modules/followup/rules/template-steps.ts). */
  steps: Json<unknown>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface FollowupPlansTable {
  id: string;
  patient_id: string;
  template_version_id: string;
  status: WithDefault<"active" | "completed" | "stopped">;
  source: "manual" | "rule" | "checkup" | "result";
  /** An id of what started the plan (rule, report, observation); never free text. */
  source_ref: string | null;
  anchor_at: Date;
  /** When the next task is due; null while the plan waits for a visit to be recorded. */
  next_due_at: Date | null;
  next_step_index: WithDefault<number>;
  next_kind: WithDefault<string>;
  next_seq: WithDefault<number>;
  uncontrolled_streak: WithDefault<number>;
  started_by: string | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
  ended_at: Date | null;
}

/** `_sealed` columns: AES-256-GCM under the patient key (answers may hold free text). */
export interface FollowupRecordsTable {
  id: string;
  task_id: string | null;
  plan_id: string | null;
  patient_id: string;
  recorded_by: string | null;
  channel: string;
  contact_result: string;
  answers_sealed: string | null;
  note_sealed: string | null;
  systolic_mmhg: number | null;
  diastolic_mmhg: number | null;
  fasting_glucose_mmol_l: ColumnType<string | null, number | string | null, number | string | null>;
  assessment: string | null;
  next_action: string | null;
  next_due_at: Date | null;
  recorded_at: WithDefault<Date>;
}

/** One row (id 1): escalation delay and the afternoon digest of unfinished tasks. */
export interface FollowupSettingsTable {
  id: WithDefault<number>;
  escalate_after_hours: WithDefault<number>;
  digest_enabled: WithDefault<boolean>;
  digest_hour: WithDefault<number>;
  updated_by: string | null;
  updated_at: WithDefault<Date>;
}

/** One digest per staff member and local day; written before the mail is handed to SMTP. */
export interface FollowupDigestsTable {
  user_id: string;
  local_date: ColumnType<Date, string, string>;
  status: "sending" | "sent" | "failed" | "no_channel" | "no_address";
  open_tasks: number;
  error: string | null;
  created_at: CreatedAt;
}

export interface CallSessionsTable {
  id: string;
  provider: string;
  call_id: string;
  patient_id: string;
  task_id: string | null;
  started_by: string | null;
  started_at: WithDefault<Date>;
}

export interface CallRecordingsTable {
  id: string;
  provider: string;
  call_id: string;
  call_session_id: string | null;
  patient_id: string | null;
  followup_record_id: string | null;
  status: WithDefault<"pending" | "stored" | "failed">;
  /** The provider's download URL (on its recording host, checked before it is stored). */
  source_url: string;
  storage_key: string | null;
  content_type: string | null;
  size_bytes: ColumnType<string | null, number | null | undefined, number | null>;
  sha256: string | null;
  duration_s: number | null;
  call_started_at: Date | null;
  created_at: CreatedAt;
  stored_at: Date | null;
}

/** Forms: `draft` is the editable document; each publish freezes a copy in form_versions. */
export interface FormDefinitionsTable {
  id: string;
  code: string;
  kind: "questionnaire" | "consultation";
  builtin: WithDefault<boolean>;
  draft: Json<unknown>;
  current_version: number | null;
  archived: WithDefault<boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

export interface FormVersionsTable {
  id: string;
  definition_id: string;
  version: number;
  document: Json<unknown>;
  published_by: string | null;
  published_at: CreatedAt;
}

/** Answers in clear except free text, which is sealed under the patient key in `free_text_sealed`. */
export interface FormResponsesTable {
  id: string;
  patient_id: string;
  definition_id: string;
  form_version_id: string;
  status: WithDefault<"in_progress" | "completed" | "cancelled">;
  channel: "staff" | "link";
  answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  free_text_sealed: string | null;
  scores: ColumnType<unknown[], string | undefined, string>;
  link_nonce: string | null;
  link_expires_at: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
  completed_at: Date | null;
}

export interface RulesTable {
  id: string;
  name: string;
  description: string | null;
  condition: Json<unknown>;
  actions: Json<unknown>;
  priority: WithDefault<number>;
  enabled: WithDefault<boolean>;
  version: WithDefault<number>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

export interface RuleVersionsTable {
  id: string;
  rule_id: string;
  version: number;
  name: string;
  condition: Json<unknown>;
  actions: Json<unknown>;
  priority: number;
  enabled: boolean;
  changed_by: string | null;
  changed_at: CreatedAt;
}

export interface RuleMatchesTable {
  rule_id: string;
  patient_id: string;
  rule_version: number;
  facts: Json<Record<string, unknown>>;
  matched_at: WithDefault<Date>;
}

export interface RuleActionLogTable {
  id: string;
  rule_id: string;
  rule_version: number;
  patient_id: string;
  action: Json<unknown>;
  status: "done" | "pending" | "unchanged";
  occurred_at: CreatedAt;
}

export interface RuleRunsTable {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  total: WithDefault<number>;
  processed: WithDefault<number>;
  changed: WithDefault<number>;
  cursor: string | null;
  error: string | null;
  requested_by: string | null;
  created_at: CreatedAt;
  started_at: Date | null;
  finished_at: Date | null;
}

// ── Results (migration 20261129T0400_results) ────────────────────────────────
export type IndicatorValueType = "numeric" | "ordinal" | "text";
export type ObservationFlag = "H" | "L" | "HH" | "LL" | "A";
export type ResultStatus = "preliminary" | "final" | "corrected" | "cancelled";
export type ObservationSourceKind = "import" | "manual" | "form" | "followup";

/** The catalogue: `unit` is the catalogue unit every numeric value is normalised to. */
export interface IndicatorsTable {
  id: string;
  code: string;
  loinc: string | null;
  name_zh: string;
  name_en: string;
  category: string;
  unit: WithDefault<string>;
  value_type: IndicatorValueType;
  decimals: WithDefault<number>;
  plausible_min: number | null;
  plausible_max: number | null;
  /** Ordinal results counted as normal (e.g. 阴性, -); others are flagged A. */
  normal_values: ColumnType<string[], string | undefined, string>;
  sort_order: WithDefault<number>;
  active: WithDefault<boolean>;
  builtin: WithDefault<boolean>;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

/** Default range for a sex and age band [age_min, age_max) in whole years; the lab's own range wins. */
export interface IndicatorRangesTable {
  id: string;
  indicator_id: string;
  sex: WithDefault<"any" | "male" | "female">;
  age_min: WithDefault<number>;
  age_max: number | null;
  low: number | null;
  high: number | null;
  critical_low: number | null;
  critical_high: number | null;
  updated_at: WithDefault<Date>;
}

/** catalogue value = reported value × factor + shift. */
export interface IndicatorUnitsTable {
  id: string;
  indicator_id: string;
  unit: string;
  factor: number;
  shift: WithDefault<number>;
}

export interface ImportMappingsTable {
  id: string;
  name: string;
  layout: "long" | "wide";
  mapping: Json<Record<string, unknown>>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

export type ImportFormat = "csv" | "xlsx" | "hl7v2" | "fhir";
export interface ImportBatchesTable {
  id: string;
  source: string;
  format: ImportFormat;
  channel: "ui" | "api" | "cli";
  status: "committed" | "rejected";
  file_sha256: string;
  file_bytes: ColumnType<string, number, number>;
  mapping_id: string | null;
  rows_total: number;
  rows_imported: number;
  rows_queued: number;
  rows_unchanged: number;
  rows_rejected: number;
  reports_created: number;
  observations_created: number;
  actor_user_id: string | null;
  api_key_id: string | null;
  created_at: CreatedAt;
}

export type ImportRowOutcome = "imported" | "queued" | "unchanged" | "rejected";
export interface ImportBatchRowsTable {
  batch_id: string;
  row_no: number;
  outcome: ImportRowOutcome;
  /** Message key under `results.reasons.*`; params carry codes and numbers only, never identifiers. */
  reason: string | null;
  params: ColumnType<Record<string, string | number>, string | undefined, never>;
}

/** `conclusion_sealed` is sealed under the patient's key (free clinical text). */
export interface ExamReportsTable {
  id: string;
  patient_id: string;
  source: string;
  external_id: string;
  exam_date: DateOnly;
  department: string | null;
  doctor: string | null;
  conclusion_sealed: string | null;
  status: WithDefault<ResultStatus>;
  batch_id: string | null;
  original_file_sha256: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

/** One measured value, normalised to the catalogue unit; the original value and unit are kept. */
export interface ObservationsTable {
  id: string;
  patient_id: string;
  report_id: string | null;
  indicator_id: string;
  observed_at: Date;
  value_num: number | null;
  value_text: string | null;
  original_value: string;
  original_unit: string | null;
  ref_low: number | null;
  ref_high: number | null;
  ref_text: string | null;
  range_source: "lab" | "default" | null;
  flag: ObservationFlag | null;
  status: WithDefault<ResultStatus>;
  /** NTE / comment text, sealed under the patient's key. */
  note_sealed: string | null;
  source_kind: ObservationSourceKind;
  source_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

/** A source system's patient number (MRN) for a patient: blind index for lookup, sealed for display. */
export interface PatientExternalIdsTable {
  id: string;
  patient_id: string;
  source: string;
  mrn_bidx: string;
  mrn_sealed: string;
  created_at: CreatedAt;
}

/** Reports whose patient could not be matched; payload (identifiers + results) sealed with the tenant queue key. */
export interface ResultsMatchQueueTable {
  id: string;
  batch_id: string;
  source: string;
  external_id: string;
  exam_date: DateOnly;
  observation_count: number;
  card_no_bidx: string | null;
  id_number_bidx: string | null;
  mrn_bidx: string | null;
  payload_sealed: string;
  status: WithDefault<"open" | "resolved" | "discarded">;
  resolved_patient_id: string | null;
  resolved_report_id: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  created_at: CreatedAt;
}

export type ConsentPurpose = "care" | "marketing";
export type MessageChannel = "sms" | "email";
export type ConsentSource = "paper_form" | "verbal" | "portal" | "staff" | "opt_out_link";

/** Append-only consent history (a trigger rejects UPDATE); the current state is the latest row per purpose. */
export interface PatientConsentsTable {
  id: string;
  patient_id: string;
  purpose: ConsentPurpose;
  action: "grant" | "withdraw";
  source: ConsentSource;
  channel: MessageChannel | null;
  recorded_by: string | null;
  recorded_at: CreatedAt;
}

export interface MessagingSettingsTable {
  id: ColumnType<number, number | undefined, never>;
  quiet_start: WithDefault<string>;
  quiet_end: WithDefault<string>;
  daily_cap: WithDefault<number>;
  updated_by: string | null;
  updated_at: WithDefault<Date>;
}

export type ReminderKind = "appointment" | "recheck" | "measurement" | "medication" | "questionnaire";
export type ReminderStatus = "scheduled" | "deferred" | "sent" | "partly_sent" | "failed" | "skipped" | "cancelled";

export interface RemindersTable {
  id: string;
  patient_id: string;
  kind: ReminderKind;
  purpose: ConsentPurpose;
  channels: Json<MessageChannel[]>;
  locale: WithDefault<"zh-CN" | "en">;
  send_at: Date;
  subject_at: Date | null;
  note_sealed: string | null;
  link_sealed: string | null;
  status: WithDefault<ReminderStatus>;
  status_reason: string | null;
  deferred_until: Date | null;
  created_by: string | null;
  created_at: CreatedAt;
  cancelled_by: string | null;
  cancelled_at: Date | null;
  updated_at: WithDefault<Date>;
}

export type DeliveryStatus = "sending" | "retrying" | "sent" | "delivered" | "failed" | "unconfirmed" | "skipped";

/** One row per (reminder, channel, scheduled time), written before the provider is called. */
export interface ReminderDeliveriesTable {
  id: string;
  reminder_id: string;
  patient_id: string;
  channel: MessageChannel;
  scheduled_for: Date;
  status: DeliveryStatus;
  status_reason: string | null;
  provider: string | null;
  provider_message_id: string | null;
  idempotency_key: string;
  attempts: WithDefault<number>;
  last_error: string | null;
  sent_at: Date | null;
  delivered_at: Date | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

/** Messages that would have been sent (no provider configured): recipient masked, content sealed under the patient key. */
export interface DevOutboxMessagesTable {
  id: string;
  delivery_id: string | null;
  patient_id: string | null;
  channel: MessageChannel;
  recipient_masked: string;
  subject_sealed: string | null;
  body_sealed: string;
  created_at: CreatedAt;
}

/** 重要异常结果 tracked items; `outcome_note_sealed` is sealed under the patient's key. */
export interface AbnormalItemsTable {
  id: string;
  patient_id: string;
  class: "A" | "B";
  status: WithDefault<"open" | "closed">;
  source: string;
  responsible_user_id: string | null;
  department_id: string | null;
  found_at: Date;
  due_at: Date;
  escalated_at: Date | null;
  escalated_to_user_id: string | null;
  outcome: "notified" | "seen_doctor" | "diagnosed" | "declined" | null;
  outcome_note_sealed: string | null;
  closed_at: Date | null;
  closed_by: string | null;
  created_at: CreatedAt;
}

export interface AbnormalItemObservationsTable {
  item_id: string;
  observation_id: string;
  rule: string;
  /** Order within the item as written (SBP before DBP). */
  position: number;
  code: string;
  name: string;
  name_en: string | null;
  value: number | null;
  unit: string;
  observed_at: Date;
}

export interface AbnormalItemEventsTable {
  id: string;
  item_id: string;
  kind: "created" | "escalated" | "closed";
  actor_user_id: string | null;
  details: Json<Record<string, unknown>>;
  occurred_at: CreatedAt;
}
