import { sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import type { RiskModelId, RiskResult } from "./models/types";

export interface AssessmentWrite {
  patientId: string;
  modelId: RiskModelId;
  version: string;
  result: RiskResult;
  inputs: Record<string, unknown>;
  inputsHash: string;
  trigger: string;
  assessedBy: string | null;
}

/** Current assessment hashes of a page of patients: `${patientId}|${modelId}` → hash. */
export async function currentHashes(db: TenantDb, patientIds: string[]): Promise<Map<string, string>> {
  if (patientIds.length === 0) return new Map();
  const rows = await db.selectFrom("risk_assessments").select(["patient_id", "model_id", "inputs_hash"]).where("patient_id", "in", patientIds).where("is_current", "=", true).execute();
  return new Map(rows.map((r) => [`${r.patient_id}|${r.model_id}`, r.inputs_hash]));
}

/**
 * Replaces the current assessment of each (patient, model) pair: old rows stay as history.
 * Two statements per page whatever its size: the retirement of the current rows and the insert both
 * take their rows as parallel arrays through `unnest`, so PostgreSQL parses and plans them once.
 */
export async function writeAssessments(trx: TenantDb, writes: AssessmentWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const col = {
    id: [] as string[], patient: [] as string[], model: [] as string[], version: [] as string[], status: [] as string[],
    score: [] as (number | null)[], level: [] as (string | null)[], severity: [] as (number | null)[],
    inputs: [] as string[], hash: [] as string[], result: [] as string[], trigger: [] as string[], by: [] as (string | null)[],
  };
  for (const w of writes) {
    const assessed = w.result.status === "assessed" ? w.result : null;
    col.id.push(uuidv7());
    col.patient.push(w.patientId);
    col.model.push(w.modelId);
    col.version.push(w.version);
    col.status.push(w.result.status);
    col.score.push(assessed ? assessed.score : null);
    col.level.push(assessed ? assessed.level : null);
    col.severity.push(assessed ? assessed.severity : null);
    col.inputs.push(JSON.stringify(w.inputs));
    col.hash.push(w.inputsHash);
    col.result.push(JSON.stringify(w.result));
    col.trigger.push(w.trigger);
    col.by.push(w.assessedBy);
  }
  await trx
    .updateTable("risk_assessments")
    .set({ is_current: false })
    .where("is_current", "=", true)
    .where(sql<boolean>`(patient_id, model_id) in (select * from unnest(${col.patient}::uuid[], ${col.model}::text[]))`)
    .execute();
  await trx
    .insertInto("risk_assessments")
    .columns(["id", "patient_id", "model_id", "model_version", "status", "score", "level", "severity", "inputs", "inputs_hash", "result", "trigger", "assessed_by"])
    .expression(
      sql`select * from unnest(${col.id}::uuid[], ${col.patient}::uuid[], ${col.model}::text[], ${col.version}::text[], ${col.status}::text[], ${col.score}::float8[], ${col.level}::text[], ${col.severity}::int2[], ${col.inputs}::jsonb[], ${col.hash}::text[], ${col.result}::jsonb[], ${col.trigger}::text[], ${col.by}::uuid[])`,
    )
    .execute();
}

export async function assessmentHistory(db: TenantDb, patientId: string, limit = 200) {
  return db.selectFrom("risk_assessments").selectAll().where("patient_id", "=", patientId).orderBy("assessed_at", "desc").orderBy("id", "desc").limit(limit).execute();
}
