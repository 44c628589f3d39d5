import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { TenantDb } from "@/db/tenant";

/** What the facts of a set of patients are made of, whichever way it was read. */
export interface FactRows {
  patients: { id: string; sex: string; birth_date: Date | string | null; last_contact_at: Date | null; card_level: string | null; record: Record<string, unknown> | null }[];
  tags: { patient_id: string; name: string }[];
  scores: { patient_id: string; code: string; scores: unknown }[];
  /** The two latest non-cancelled numeric values per indicator (`rn` 1 = latest). */
  observations: { patient_id: string; code: string; value_num: number; flag: string | null; observed_at: Date | string; rn: number }[];
  risks: { patient_id: string; model_id: string; level: string | null; severity: number | null; score: number | null }[];
}

/**
 * Many patients (bulk batches): one statement per table with `patient_id in (…)`; the planner runs one
 * window over all observations, about twice as fast per patient as correlated sub-selects.
 */
export async function factRowsByTable(db: TenantDb, ids: string[]): Promise<FactRows> {
  const [patients, cards, tags, scores, observations, risks] = await Promise.all([
    db.selectFrom("patients as p").leftJoin("health_records as hr", "hr.patient_id", "p.id").select(["p.id", "p.sex", "p.birth_date", "p.last_contact_at", "hr.facts as record"]).where("p.id", "in", ids).execute(),
    db.selectFrom("member_cards").select(["patient_id", "level"]).distinctOn("patient_id").where("patient_id", "in", ids).where("status", "=", "active").orderBy("patient_id").orderBy("valid_to", "desc").execute(),
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
          .select(["o.patient_id", "o.indicator_id", "o.value_num", "o.flag", "o.observed_at", sql<number>`row_number() over (partition by o.patient_id, o.indicator_id order by o.observed_at desc, o.id desc)`.as("rn")])
          .where("o.patient_id", "in", ids)
          .where("o.status", "<>", "cancelled")
          .where("o.value_num", "is not", null)
          .as("x"),
      )
      .innerJoin("indicators as i", "i.id", "x.indicator_id")
      .select(["x.patient_id", "i.code", "x.value_num", "x.flag", "x.observed_at", "x.rn"])
      .where("x.rn", "<=", 2)
      .execute(),
    db.selectFrom("risk_assessments").select(["patient_id", "model_id", "level", "severity", "score"]).where("patient_id", "in", ids).where("is_current", "=", true).where("status", "=", "assessed").execute(),
  ]);
  const level = new Map(cards.map((c) => [c.patient_id, c.level]));
  return {
    patients: patients.map((p) => ({ ...p, card_level: level.get(p.id) ?? null })),
    tags,
    scores,
    observations: observations.map((o) => ({ ...o, value_num: o.value_num!, rn: Number(o.rn) })),
    risks,
  };
}

/**
 * A few patients (evaluation after a change): ONE statement, a row per patient with correlated
 * sub-selects returned as JSON — one round trip instead of six inside the caller's transaction.
 */
export async function factRowsInOneStatement(db: TenantDb, ids: string[]): Promise<FactRows> {
  const rows = await db
    .selectFrom("patients as p")
    .leftJoin("health_records as hr", "hr.patient_id", "p.id")
    .select((eb) => [
      "p.id",
      "p.sex",
      "p.birth_date",
      "p.last_contact_at",
      "hr.facts as record",
      eb.selectFrom("member_cards as c").select("c.level").whereRef("c.patient_id", "=", "p.id").where("c.status", "=", "active").orderBy("c.valid_to", "desc").limit(1).as("card_level"),
      jsonArrayFrom(eb.selectFrom("patient_tags as pt").innerJoin("tags as t", "t.id", "pt.tag_id").select("t.name").whereRef("pt.patient_id", "=", "p.id")).as("tags"),
      jsonArrayFrom(
        eb
          .selectFrom("form_responses as r")
          .innerJoin("form_definitions as d", "d.id", "r.definition_id")
          .select(["d.code", "r.scores"])
          .distinctOn("r.definition_id")
          .whereRef("r.patient_id", "=", "p.id")
          .where("r.status", "=", "completed")
          .orderBy("r.definition_id")
          .orderBy("r.completed_at", "desc"),
      ).as("scores"),
      jsonArrayFrom(
        eb
          .selectFrom((sub) =>
            sub
              .selectFrom("observations as o")
              .select(["o.indicator_id", "o.value_num", "o.flag", "o.observed_at", sql<number>`row_number() over (partition by o.indicator_id order by o.observed_at desc, o.id desc)`.as("rn")])
              .whereRef("o.patient_id", "=", "p.id")
              .where("o.status", "<>", "cancelled")
              .where("o.value_num", "is not", null)
              .as("x"),
          )
          .innerJoin("indicators as i", "i.id", "x.indicator_id")
          .select(["i.code", "x.value_num", "x.flag", "x.observed_at", "x.rn"])
          .where("x.rn", "<=", 2),
      ).as("observations"),
      jsonArrayFrom(eb.selectFrom("risk_assessments as ra").select(["ra.model_id", "ra.level", "ra.severity", "ra.score"]).whereRef("ra.patient_id", "=", "p.id").where("ra.is_current", "=", true).where("ra.status", "=", "assessed")).as("risks"),
    ])
    .where("p.id", "in", ids)
    .execute();
  return {
    patients: rows.map((p) => ({ id: p.id, sex: p.sex, birth_date: p.birth_date, last_contact_at: p.last_contact_at, card_level: p.card_level ?? null, record: p.record ?? null })),
    tags: rows.flatMap((p) => p.tags.map((t) => ({ patient_id: p.id, name: t.name }))),
    scores: rows.flatMap((p) => p.scores.map((s) => ({ patient_id: p.id, code: s.code, scores: s.scores }))),
    observations: rows.flatMap((p) => p.observations.map((o) => ({ patient_id: p.id, code: o.code, value_num: Number(o.value_num), flag: o.flag, observed_at: o.observed_at as unknown as string, rn: Number(o.rn) }))),
    risks: rows.flatMap((p) => p.risks.map((r) => ({ patient_id: p.id, ...r }))),
  };
}
