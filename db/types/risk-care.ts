import type { ColumnType } from "kysely";
import type { CreatedAt, WithDefault } from "./audit";

type Json<T> = ColumnType<T, string, string>;
type DateOnly = ColumnType<Date | string, string, string>;

export interface RiskAssessmentsTable {
  id: string;
  patient_id: string;
  model_id: string;
  model_version: string;
  status: "assessed" | "not_assessable" | "out_of_population";
  score: number | null;
  level: string | null;
  severity: number | null;
  inputs: Json<Record<string, unknown>>;
  inputs_hash: string;
  result: Json<Record<string, unknown>>;
  trigger: string;
  is_current: WithDefault<boolean>;
  assessed_by: string | null;
  assessed_at: WithDefault<Date>;
}

export interface AdviceTemplatesTable {
  id: string;
  category: "diet" | "exercise" | "mental" | "lifestyle";
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  criteria: Json<Record<string, unknown>>;
  priority: WithDefault<number>;
  active: WithDefault<boolean>;
  seed_key: string | null;
  updated_by: string | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

export interface AdviceSetsTable {
  id: string;
  patient_id: string;
  status: "draft" | "published" | "superseded";
  items_sealed: string;
  item_count: number;
  created_by: string | null;
  published_by: string | null;
  published_at: Date | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

export interface CarePlansTable {
  id: string;
  patient_id: string;
  kind: "intervention" | "conditioning";
  title: string;
  status: WithDefault<"active" | "completed" | "cancelled">;
  start_date: DateOnly;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

export interface CarePlanGoalsTable {
  id: string;
  plan_id: string;
  metric: string;
  comparator: "lt" | "le" | "gt" | "ge" | "decrease_by" | "increase_by";
  target_value: number;
  baseline_value: number | null;
  baseline_at: Date | null;
  due_date: DateOnly;
  achieved_at: Date | null;
  position: number;
}

export interface CarePlanTasksTable {
  id: string;
  plan_id: string;
  title: string;
  frequency: "daily" | "weekly" | "monthly" | "once";
  times_per_period: WithDefault<number>;
  position: number;
}

export interface StageSummariesTable {
  id: string;
  patient_id: string;
  period_start: DateOnly;
  period_end: DateOnly;
  status: "draft" | "published";
  content: Json<Record<string, unknown>>;
  narrative_sealed: string | null;
  source: "manual" | "scheduled";
  created_by: string | null;
  updated_by: string | null;
  published_by: string | null;
  published_at: Date | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

export interface HealthReportsTable {
  id: string;
  patient_id: string;
  batch_id: string | null;
  status: "queued" | "done" | "failed";
  locale: string;
  conclusion_sealed: string | null;
  pdf_sealed: string | null;
  pages: number | null;
  bytes: number | null;
  requested_by: string | null;
  created_at: CreatedAt;
  finished_at: Date | null;
}

/** Tables of the risk, advice, plan, summary and report domain (part of every tenant schema). */
export interface RiskCareTables {
  risk_assessments: RiskAssessmentsTable;
  advice_templates: AdviceTemplatesTable;
  advice_sets: AdviceSetsTable;
  care_plans: CarePlansTable;
  care_plan_goals: CarePlanGoalsTable;
  care_plan_tasks: CarePlanTasksTable;
  stage_summaries: StageSummariesTable;
  health_reports: HealthReportsTable;
}
