import { createHash } from "node:crypto";
import type { TenantDb } from "@/db/tenant";
import type { AuditActor } from "@/server/audit/record";
import { openField, openPatientKey } from "@/server/crypto/field-crypto";
import type { TenantKeyring } from "@/server/crypto/tenant-keys";
import { isoDate } from "@/server/modules/patient/patient-context";
import { evaluatePatients as evaluateRules } from "@/server/modules/rules/rule-engine";
import { ZHealthRecordData, type THealthRecordData } from "@/server/shared/dto/patient-record";
import { loadRiskMeasurements } from "./measurement-source";
import { RISK_MODELS } from "./models/registry";
import type { RiskInputs, RiskModel } from "./models/types";
import { collectRiskInputs, type CollectedInputs } from "./risk-inputs";
import { currentHashes, writeAssessments, type AssessmentWrite } from "./risk.repository";

/** The inputs one model reads, in a stable order, hashed with the model version. */
export function modelInputsHash(model: RiskModel, inputs: RiskInputs): string {
  const used = model.inputs.map((k) => [k, inputs[k] ?? null]);
  return createHash("sha256").update(`${model.id}@${model.version}:${JSON.stringify(used)}`).digest("base64url").slice(0, 22);
}

export interface PatientSource {
  id: string;
  sex: "male" | "female" | "unknown";
  birth_date: Date | string | null;
  key_sealed: string | null;
}

/** Loads health records of a page of patients and opens them (a crypto-shredded patient has none). */
async function loadRecords(db: TenantDb, ring: TenantKeyring, tenantId: string, patients: PatientSource[]): Promise<Map<string, THealthRecordData>> {
  const ids = patients.map((p) => p.id);
  const rows = ids.length ? await db.selectFrom("health_records").select(["patient_id", "version", "data_sealed"]).where("patient_id", "in", ids).execute() : [];
  const keys = new Map(patients.map((p) => [p.id, p.key_sealed]));
  const out = new Map<string, THealthRecordData>();
  for (const r of rows) {
    const sealed = keys.get(r.patient_id);
    if (!sealed) continue;
    const key = openPatientKey(ring, r.patient_id, sealed);
    const json = openField(key, r.data_sealed, { tenantId, table: "health_records", column: "data", rowId: `${r.patient_id}:${r.version}` });
    out.set(r.patient_id, ZHealthRecordData.parse(JSON.parse(json)));
  }
  return out;
}

export interface EvaluationOutcome {
  collected: Map<string, CollectedInputs>;
  written: number;
}

/**
 * Assesses a page of patients with every model and stores a new current assessment only where a
 * model's inputs (or version) changed since the last one. One read per table per page, one write.
 */
export async function evaluatePatients(trx: TenantDb, ring: TenantKeyring, tenantId: string, patients: PatientSource[], opts: { trigger: string; actor: AuditActor; asOf: Date; force?: boolean }): Promise<EvaluationOutcome> {
  const ids = patients.map((p) => p.id);
  const [records, measurements, hashes] = await Promise.all([loadRecords(trx, ring, tenantId, patients), loadRiskMeasurements(trx, ids), currentHashes(trx, ids)]);
  const writes: AssessmentWrite[] = [];
  const collected = new Map<string, CollectedInputs>();
  for (const p of patients) {
    const c = collectRiskInputs({ sex: p.sex, birthDate: isoDate(p.birth_date), asOf: opts.asOf, record: records.get(p.id) ?? null, measurements: measurements.get(p.id) ?? [] });
    collected.set(p.id, c);
    for (const model of RISK_MODELS) {
      const hash = modelInputsHash(model, c.inputs);
      if (!opts.force && hashes.get(`${p.id}|${model.id}`) === hash) continue;
      const used = Object.fromEntries(model.inputs.filter((k) => c.provenance[k]).map((k) => [k, c.provenance[k]]));
      writes.push({ patientId: p.id, modelId: model.id, version: model.version, result: model.assess(c.inputs), inputs: used, inputsHash: hash, trigger: opts.trigger, assessedBy: opts.actor.userId });
    }
  }
  await writeAssessments(trx, writes);
  // Risk levels are rule facts: the patients whose assessment changed are evaluated in this transaction.
  const reassessed = [...new Set(writes.map((w) => w.patientId))];
  if (reassessed.length) await evaluateRules(trx, { tenantId, actor: opts.actor }, reassessed, { audit: reassessed.length > 20 ? "batch" : "per-patient" });
  return { collected, written: writes.length };
}
