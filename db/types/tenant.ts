import type { ColumnType } from "kysely";
import type { AuditTables, CreatedAt, WithDefault } from "./audit";

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
};

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
