import type { TenantDb } from "@/db/tenant";
import type { FactUniverse } from "@/server/shared/rules/facts";
import { ZFormDocument } from "@/server/shared/forms/document";
import { ageInYears } from "@/server/modules/results/rules/ranges";
import { factRowsByTable, factRowsInOneStatement, type FactRows } from "./fact-rows";

export type PatientFacts = Record<string, unknown>;

const DAY_MS = 86_400_000;

/** Which indicator codes and questionnaire scores exist in this tenant (what a condition may name). */
export async function loadFactUniverse(db: TenantDb): Promise<FactUniverse> {
  const [indicators, versions] = await Promise.all([
    db.selectFrom("indicators").select(["code", "unit"]).where("value_type", "=", "numeric").orderBy("sort_order").execute(),
    db.selectFrom("form_versions as v").innerJoin("form_definitions as d", "d.id", "v.definition_id").select(["d.code", "v.document"]).execute(),
  ]);
  const scores = new Map<string, { formCode: string; scoreId: string }>();
  for (const v of versions) {
    const doc = ZFormDocument.safeParse(v.document);
    if (!doc.success) continue;
    for (const s of doc.data.scores) scores.set(`${v.code}.${s.id}`, { formCode: v.code, scoreId: s.id });
  }
  return { indicators, scores: [...scores.values()] };
}

function trendOf(latest: number, previous: number | undefined): "rising" | "falling" | "stable" | null {
  if (previous === undefined) return null;
  const tolerance = Math.max(Math.abs(previous) * 0.02, 1e-9);
  if (latest - previous > tolerance) return "rising";
  if (previous - latest > tolerance) return "falling";
  return "stable";
}

/** Up to this many patients, the facts are read in one statement (evaluation after a change); more, per table. */
export const ONE_STATEMENT_MAX = 20;

/**
 * The facts of many patients: a fixed number of statements whatever the count (see fact-rows.ts).
 * Patients that do not exist are absent from the map.
 */
export async function loadFacts(db: TenantDb, patientIds: readonly string[], now = new Date()): Promise<Map<string, PatientFacts>> {
  if (patientIds.length === 0) return new Map();
  const ids = [...new Set(patientIds)];
  return assembleFacts(ids.length <= ONE_STATEMENT_MAX ? await factRowsInOneStatement(db, ids) : await factRowsByTable(db, ids), now);
}

/** Rows → the nested facts object json-logic reads (documented in docs/architecture.md §9). */
export function assembleFacts(rows: FactRows, now: Date): Map<string, PatientFacts> {
  const out = new Map<string, PatientFacts>();
  for (const p of rows.patients) {
    const birth = p.birth_date ? (typeof p.birth_date === "string" ? p.birth_date : isoLocal(p.birth_date)) : null;
    const lastContact = p.last_contact_at ? new Date(p.last_contact_at) : null;
    out.set(p.id, {
      age: birth ? ageInYears(birth, now) : null,
      sex: p.sex,
      card: { level: p.card_level },
      tags: [] as string[],
      daysSinceLastContact: lastContact ? Math.floor((now.getTime() - lastContact.getTime()) / DAY_MS) : null,
      abnormal: { flaggedCount: 0, flaggedCodes: [] as string[] },
      indicator: {} as Record<string, IndicatorFacts>,
      score: {} as Record<string, Record<string, number>>,
      record: p.record,
      risk: {} as Record<string, { level: string | null; severity: number | null; score: number | null }>,
    });
  }
  for (const t of rows.tags) (out.get(t.patient_id)?.tags as string[] | undefined)?.push(t.name);
  for (const s of rows.scores) {
    const f = out.get(s.patient_id);
    if (!f) continue;
    const byId: Record<string, number> = {};
    for (const sc of s.scores as { id: string; value: number; answered: number }[]) if (sc.answered > 0) byId[sc.id] = sc.value;
    (f.score as Record<string, Record<string, number>>)[s.code] = byId;
  }
  const previous: { patient_id: string; code: string; value: number }[] = [];
  for (const o of rows.observations) {
    const f = out.get(o.patient_id);
    if (!f) continue;
    if (o.rn !== 1) {
      previous.push({ patient_id: o.patient_id, code: o.code, value: o.value_num });
      continue;
    }
    (f.indicator as Record<string, IndicatorFacts>)[o.code] = { value: o.value_num, flag: o.flag, trend: null, daysAgo: Math.floor((now.getTime() - new Date(o.observed_at).getTime()) / DAY_MS) };
    if (o.flag) {
      const ab = f.abnormal as { flaggedCount: number; flaggedCodes: string[] };
      ab.flaggedCount += 1;
      ab.flaggedCodes.push(o.code);
    }
  }
  for (const p of previous) {
    const latest = (out.get(p.patient_id)?.indicator as Record<string, IndicatorFacts> | undefined)?.[p.code];
    if (latest) latest.trend = trendOf(latest.value, p.value);
  }
  for (const f of out.values()) {
    (f.abnormal as { flaggedCodes: string[] }).flaggedCodes.sort();
    (f.tags as string[]).sort();
  }
  for (const r of rows.risks) {
    const f = out.get(r.patient_id);
    if (f) (f.risk as Record<string, unknown>)[r.model_id] = { level: r.level, severity: r.severity, score: r.score };
  }
  return out;
}

interface IndicatorFacts {
  value: number;
  flag: string | null;
  trend: string | null;
  daysAgo: number;
}

function isoLocal(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
