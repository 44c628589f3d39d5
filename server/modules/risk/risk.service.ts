import { TRPCError } from "@trpc/server";
import { recordAudit } from "@/server/audit/record";
import { inPatientTransaction, keyring, loadPatientInScope, type PatientContext } from "@/server/modules/patient/patient-context";
import type { TRiskCalculateInput, TRiskOverview } from "@/server/shared/dto/risk";
import { riskModel, RISK_MODELS } from "./models/registry";
import type { RiskInputs, RiskModelId } from "./models/types";
import { evaluatePatients } from "./risk-evaluation";
import { unitFactor, type MeasuredInput } from "./risk-inputs";
import { assessmentHistory } from "./risk.repository";

/**
 * The patient's risk page: re-assesses first (only models whose inputs changed get a new row, so a
 * page view after new observations shows fresh results even before the background job ran), then
 * returns current results, inputs for the what-if panel and the history.
 */
export async function getRiskOverview(ctx: PatientContext, patientId: string): Promise<TRiskOverview> {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, patientId, "risk.view");
    const { collected } = await evaluatePatients(trx, ring, ctx.tenant.id, [p], { trigger: "view", actor: ctx.actor, asOf: new Date() });
    const c = collected.get(p.id)!;
    const rows = await assessmentHistory(trx, p.id);
    await recordAudit(trx, ctx.actor, { action: "risk.view", resourceType: "risk_assessment", resourceId: p.id, patientId: p.id, purpose: "care" });
    const current = RISK_MODELS.map((m) => rows.find((r) => r.model_id === m.id && r.is_current)).filter((r) => !!r);
    return {
      patientId: p.id,
      inputs: c.inputs as Record<string, number | boolean | string>,
      provenance: c.provenance as TRiskOverview["provenance"],
      unitMismatches: c.unitMismatches,
      current: current.map((r) => ({ modelId: r.model_id as RiskModelId, version: r.model_version, source: riskModel(r.model_id as RiskModelId).source, assessedAt: r.assessed_at, result: r.result as unknown as TRiskOverview["current"][number]["result"] })),
      history: rows.map((r) => ({ modelId: r.model_id as RiskModelId, version: r.model_version, assessedAt: r.assessed_at, status: r.status, score: r.score, level: r.level, severity: r.severity })),
    };
  });
}

const CALC_UNITS: Record<string, MeasuredInput> = { sbp: "sbpMmHg", dbp: "dbpMmHg", bmi: "bmi", waist: "waistCm", tc: "tcMmolL", hdl: "hdlMmolL", tg: "tgMmolL", fpg: "fpgMmolL", creatinine: "creatinineUmolL" };

/** Converts calculator input (values with units) to model inputs; an unknown unit is bad input. */
export function calculatorInputs(input: TRiskCalculateInput): RiskInputs {
  const inputs: RiskInputs = { sex: input.sex, ageYears: input.ageYears, currentSmoker: input.currentSmoker, onAntihypertensive: input.onAntihypertensive, diabetes: input.diabetes, familyHistoryDiabetes: input.familyHistoryDiabetes };
  for (const [field, name] of Object.entries(CALC_UNITS)) {
    const v = input[field as keyof TRiskCalculateInput] as { value: number; unit: string } | undefined;
    if (!v) continue;
    const factor = unitFactor(name, v.unit === "kg/m²" ? "kg/m2" : v.unit);
    if (factor === null) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.riskUnitMismatch" });
    (inputs as Record<string, number>)[name] = Math.round(v.value * factor * 1000) / 1000;
  }
  return Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined)) as RiskInputs;
}

/** 风险计算器: one model on explicit inputs (no patient data involved, nothing stored). */
export function calculateRisk(input: TRiskCalculateInput) {
  const model = riskModel(input.modelId);
  const result = model.assess(calculatorInputs(input));
  if (result.status === "out_of_population" && result.reason === "age") {
    throw new TRPCError({ code: "BAD_REQUEST", message: "errors.riskAgeOutOfPopulation" });
  }
  return { modelId: model.id, version: model.version, source: model.source, result };
}
