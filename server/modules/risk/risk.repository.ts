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

/** Replaces the current assessment of each (patient, model) pair: old rows stay as history. */
export async function writeAssessments(trx: TenantDb, writes: AssessmentWrite[]): Promise<void> {
  if (writes.length === 0) return;
  const patients = [...new Set(writes.map((w) => w.patientId))];
  const models = [...new Set(writes.map((w) => w.modelId))];
  const pairs = new Set(writes.map((w) => `${w.patientId}|${w.modelId}`));
  const current = await trx.selectFrom("risk_assessments").select(["id", "patient_id", "model_id"]).where("patient_id", "in", patients).where("model_id", "in", models).where("is_current", "=", true).execute();
  const stale = current.filter((r) => pairs.has(`${r.patient_id}|${r.model_id}`)).map((r) => r.id);
  for (let i = 0; i < stale.length; i += 5000) await trx.updateTable("risk_assessments").set({ is_current: false }).where("id", "in", stale.slice(i, i + 5000)).execute();
  const rows = writes.map((w) => ({
    id: uuidv7(),
    patient_id: w.patientId,
    model_id: w.modelId,
    model_version: w.version,
    status: w.result.status,
    score: w.result.status === "assessed" ? w.result.score : null,
    level: w.result.status === "assessed" ? w.result.level : null,
    severity: w.result.status === "assessed" ? w.result.severity : null,
    inputs: JSON.stringify(w.inputs),
    inputs_hash: w.inputsHash,
    result: JSON.stringify(w.result),
    trigger: w.trigger,
    assessed_by: w.assessedBy,
  }));
  // 15 parameters per row: stay well below PostgreSQL's 65,535 bind parameters per statement.
  for (let i = 0; i < rows.length; i += 2000) await trx.insertInto("risk_assessments").values(rows.slice(i, i + 2000)).execute();
}

export async function assessmentHistory(db: TenantDb, patientId: string, limit = 200) {
  return db.selectFrom("risk_assessments").selectAll().where("patient_id", "=", patientId).orderBy("assessed_at", "desc").orderBy("id", "desc").limit(limit).execute();
}
