import { sql } from "kysely";
import type { TenantDb } from "@/db/tenant";
import type { FactUniverse } from "@/server/shared/rules/facts";
import { ZFormDocument } from "@/server/shared/forms/document";
import { ageInYears } from "@/server/modules/results/rules/ranges";

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

/**
 * The facts of many patients with a fixed number of queries (patients, cards, tags, latest scores,
 * the two latest values of each indicator, record facts, current risk assessments). Patients that do
 * not exist are absent from the map.
 */
export async function loadFacts(db: TenantDb, patientIds: readonly string[], now = new Date()): Promise<Map<string, PatientFacts>> {
  const out = new Map<string, PatientFacts>();
  if (patientIds.length === 0) return out;
  const ids = [...patientIds];
  const [patients, cards, tags, scores, observations, records, risks] = await Promise.all([
    db.selectFrom("patients").select(["id", "sex", "birth_date", "last_contact_at", "created_at"]).where("id", "in", ids).execute(),
    db
      .selectFrom("member_cards")
      .select(["patient_id", "level"])
      .distinctOn("patient_id")
      .where("patient_id", "in", ids)
      .where("status", "=", "active")
      .orderBy("patient_id")
      .orderBy("valid_to", "desc")
      .execute(),
    db.selectFrom("patient_tags as pt").innerJoin("tags as t", "t.id", "pt.tag_id").select(["pt.patient_id", "t.name"]).where("pt.patient_id", "in", ids).execute(),
    db
      .selectFrom("form_responses as r")
      .innerJoin("form_definitions as d", "d.id", "r.definition_id")
      .select(["r.patient_id", "d.code", "r.scores"])
      .distinctOn(["r.patient_id", "r.definition_id"])
      .where("r.patient_id", "in", ids)
      .where("r.status", "=", "completed")
      .orderBy("r.patient_id")
      .orderBy("r.definition_id")
      .orderBy("r.completed_at", "desc")
      .execute(),
    db
      .selectFrom((eb) =>
        eb
          .selectFrom("observations as o")
          .select([
            "o.patient_id",
            "o.indicator_id",
            "o.value_num",
            "o.flag",
            "o.observed_at",
            sql<number>`row_number() over (partition by o.patient_id, o.indicator_id order by o.observed_at desc, o.id desc)`.as("rn"),
          ])
          .where("o.patient_id", "in", ids)
          .where("o.status", "<>", "cancelled")
          .where("o.value_num", "is not", null)
          .as("x"),
      )
      .innerJoin("indicators as i", "i.id", "x.indicator_id")
      .select(["x.patient_id", "i.code", "x.value_num", "x.flag", "x.observed_at", "x.rn"])
      .where("x.rn", "<=", 2)
      .orderBy("x.patient_id")
      .orderBy("i.code")
      .orderBy("x.rn")
      .execute(),
    db.selectFrom("health_records").select(["patient_id", "facts"]).where("patient_id", "in", ids).execute(),
    db
      .selectFrom("risk_assessments")
      .select(["patient_id", "model_id", "level", "severity", "score"])
      .where("patient_id", "in", ids)
      .where("is_current", "=", true)
      .where("status", "=", "assessed")
      .execute(),
  ]);
  for (const p of patients) {
    const birth = p.birth_date ? (typeof p.birth_date === "string" ? p.birth_date : isoLocal(p.birth_date)) : null;
    const lastContact = p.last_contact_at ?? null;
    out.set(p.id, {
      age: birth ? ageInYears(birth, now) : null,
      sex: p.sex,
      card: { level: null },
      tags: [] as string[],
      daysSinceLastContact: lastContact ? Math.floor((now.getTime() - lastContact.getTime()) / DAY_MS) : null,
      abnormal: { flaggedCount: 0, flaggedCodes: [] as string[] },
      indicator: {} as Record<string, unknown>,
      score: {} as Record<string, Record<string, number>>,
      record: null as Record<string, unknown> | null,
      risk: {} as Record<string, { level: string | null; severity: number | null; score: number | null }>,
    });
  }
  for (const r of records) {
    const f = out.get(r.patient_id);
    if (f && r.facts) f.record = r.facts;
  }
  for (const r of risks) {
    const f = out.get(r.patient_id);
    if (f) (f.risk as Record<string, unknown>)[r.model_id] = { level: r.level, severity: r.severity, score: r.score };
  }
  for (const c of cards) {
    const f = out.get(c.patient_id);
    if (f) f.card = { level: c.level };
  }
  for (const t of tags) (out.get(t.patient_id)?.tags as string[] | undefined)?.push(t.name);
  for (const s of scores) {
    const f = out.get(s.patient_id);
    if (!f) continue;
    const byId: Record<string, number> = {};
    for (const sc of s.scores as { id: string; value: number; answered: number }[]) if (sc.answered > 0) byId[sc.id] = sc.value;
    (f.score as Record<string, Record<string, number>>)[s.code] = byId;
  }
  for (const o of observations) {
    const f = out.get(o.patient_id);
    if (!f || o.value_num === null) continue;
    const ind = f.indicator as Record<string, { value: number; flag: string | null; trend: string | null; daysAgo: number; previous?: number }>;
    if (Number(o.rn) === 1) {
      ind[o.code] = { value: o.value_num, flag: o.flag, trend: null, daysAgo: Math.floor((now.getTime() - o.observed_at.getTime()) / DAY_MS) };
      if (o.flag) {
        const ab = f.abnormal as { flaggedCount: number; flaggedCodes: string[] };
        ab.flaggedCount += 1;
        ab.flaggedCodes.push(o.code);
      }
    } else if (ind[o.code]) {
      ind[o.code]!.trend = trendOf(ind[o.code]!.value, o.value_num);
    }
  }
  return out;
}

function isoLocal(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
