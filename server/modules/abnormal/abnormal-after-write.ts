import type { TenantDb } from "@/db/tenant";
import type { WriterContext, WrittenObservation } from "@/server/modules/results/observation-writer";
import { recordAbnormalFindingsBatch, type CreatedItem, type WrittenResult } from "./abnormal-findings.writer";
import { RULE_CODES } from "./rules/classify-result";

const RULE_CODE_SET = new Set<string>(Object.values(RULE_CODES));
/** Rules that read the reference range of the result itself (3× ULN, below the lower limit). */
const RANGE_CODES = new Set<string>([RULE_CODES.alt, RULE_CODES.ast, RULE_CODES.hb, RULE_CODES.plt]);
const CHUNK = 1000;

/**
 * Called by the observation writer's after-write hook: classifies the numeric results just written
 * and opens 重要异常结果 items. Only results a rule can fire on are looked at further (a handful of
 * indicators, or a critical flag), so a large import pays a few chunked queries, not one per row.
 */
export async function openAbnormalItemsFor(trx: TenantDb, ctx: WriterContext, written: readonly WrittenObservation[]): Promise<CreatedItem[]> {
  const candidates = written.filter((w) => w.valueNum !== null && (RULE_CODE_SET.has(w.indicatorCode) || w.flag === "HH" || w.flag === "LL"));
  if (candidates.length === 0) return [];
  const patientIds = [...new Set(candidates.map((c) => c.patientId))];
  const indicatorIds = [...new Set(candidates.map((c) => c.indicatorId))];
  const rangeIds = candidates.filter((c) => RANGE_CODES.has(c.indicatorCode)).map((c) => c.id);

  const patients = new Map<string, { id: string; sex: "male" | "female" | "unknown"; manager_user_id: string | null; department_id: string | null }>();
  for (let i = 0; i < patientIds.length; i += CHUNK) {
    const rows = await trx.selectFrom("patients").select(["id", "sex", "manager_user_id", "department_id"]).where("id", "in", patientIds.slice(i, i + CHUNK)).execute();
    for (const r of rows) patients.set(r.id, r);
  }
  const indicators = new Map((await trx.selectFrom("indicators").select(["id", "name_zh", "name_en", "unit"]).where("id", "in", indicatorIds).execute()).map((r) => [r.id, r]));
  const ranges = new Map<string, { ref_low: number | null; ref_high: number | null }>();
  for (let i = 0; i < rangeIds.length; i += CHUNK) {
    const rows = await trx.selectFrom("observations").select(["id", "ref_low", "ref_high"]).where("id", "in", rangeIds.slice(i, i + CHUNK)).execute();
    for (const r of rows) ranges.set(r.id, r);
  }

  const perPatient = new Map<string, WrittenResult[]>();
  for (const c of candidates) {
    const patient = patients.get(c.patientId);
    const indicator = indicators.get(c.indicatorId);
    if (!patient || !indicator) continue;
    const range = ranges.get(c.id);
    const list = perPatient.get(c.patientId) ?? [];
    list.push({
      observationId: c.id,
      code: c.indicatorCode,
      value: c.valueNum!,
      sex: patient.sex,
      flag: c.flag,
      referenceLow: range?.ref_low ?? null,
      referenceHigh: range?.ref_high ?? null,
      name: indicator.name_zh,
      nameEn: indicator.name_en,
      unit: indicator.unit,
      observedAt: c.observedAt,
    });
    perPatient.set(c.patientId, list);
  }
  return recordAbnormalFindingsBatch(trx, ctx.actor, {
    tenantId: ctx.tenantId,
    source: candidates[0]!.sourceKind,
    patients: [...perPatient].map(([id, results]) => ({ patient: patients.get(id)!, results })),
  });
}
