import { bodyComposition } from "./body-composition";
import { cdrs } from "./cdrs";
import { ckdEpi2021 } from "./ckd-epi-2021";
import { framinghamCvd2008 } from "./framingham-cvd-2008";
import { hypertension } from "./hypertension";
import { metabolicSyndrome } from "./metabolic-syndrome";
import type { RiskInputs, RiskModel, RiskModelId, RiskResult } from "./types";

/** Every model CarePath runs, in the order the patient page and the report show them. */
export const RISK_MODELS: readonly RiskModel[] = [framinghamCvd2008, hypertension, cdrs, metabolicSyndrome, bodyComposition, ckdEpi2021];

export function riskModel(id: RiskModelId): RiskModel {
  const m = RISK_MODELS.find((x) => x.id === id);
  if (!m) throw new Error(`Unknown risk model ${id}`);
  return m;
}

export interface ModelOutcome {
  modelId: RiskModelId;
  version: string;
  result: RiskResult;
}

/** Runs every model on one set of inputs. */
export function assessAll(inputs: RiskInputs): ModelOutcome[] {
  return RISK_MODELS.map((m) => ({ modelId: m.id, version: m.version, result: m.assess(inputs) }));
}
