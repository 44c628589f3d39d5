import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { TenantDb } from "@/db/tenant";
import type { TPatientListInput, TTagChip } from "@/server/shared/dto/patient";
import { birthDateRangeForAges } from "./rules/age";
import { can, seesAllPatients, type PatientContext } from "./patient-context";

export interface ListCursor {
  v: string | null;
  id: string;
}

/** A tag assignment row (patient_tags ⨝ tags) → the chip the UI shows. */
export function tagChip(r: {
  id: string;
  name: string;
  colour: string;
  category: string | null;
  sensitive: boolean;
  source: "manual" | "rule";
  rule_id: string | null;
  reason: string | null;
  rule_version: number | null;
  rule_facts: Record<string, unknown> | null;
}): TTagChip {
  const auto = r.source === "rule" ? { ruleId: r.rule_id, rule: r.reason ?? "", version: r.rule_version, facts: r.rule_facts ?? {} } : null;
  return { id: r.id, name: r.name, colour: r.colour, category: r.category, sensitive: r.sensitive, auto };
}

/**
 * The ONE statement behind a patient list page (exported so the benchmark sends the very same SQL):
 * the page of patients (token semi-join, filters, scope, keyset, limit + 1 to see whether more follow)
 * as a CTE, then for those rows only their member cards (newest first), their tag chips (sensitive
 * ones only for roles with tag.read_sensitive) and their manager's display name. No COUNT(*).
 */
export function patientListQuery(ctx: PatientContext, db: TenantDb, input: TPatientListInput, tokens: string[] | null, cursor: ListCursor | null) {
  const dir = input.sort === "createdAsc" || input.sort === "birthDateAsc" ? "asc" : "desc";
  const byBirthDate = input.sort === "birthDateAsc" || input.sort === "birthDateDesc";
  const page = (qb: TenantDb) => {
    let q = qb
      .selectFrom("patients as p")
      .select(["p.id", "p.key_sealed", "p.name_sealed", "p.phone_sealed", "p.sex", "p.birth_date", "p.manager_user_id", "p.last_contact_at", "p.created_at"])
      .where("p.status", "=", "active");
    if (!seesAllPatients(ctx)) q = q.where("p.manager_user_id", "=", ctx.actor.userId);
    if (tokens) q = q.where("p.id", "in", (eb) => eb.selectFrom("patient_search_tokens as st").select("st.patient_id").where("st.token", "in", tokens));
    for (const tagId of new Set(input.tagIds ?? [])) {
      q = q.where((eb) => eb.exists(eb.selectFrom("patient_tags as ft").select("ft.tag_id").whereRef("ft.patient_id", "=", "p.id").where("ft.tag_id", "=", tagId)));
    }
    if (input.managerUserId) q = q.where("p.manager_user_id", "=", input.managerUserId);
    if (input.sex) q = q.where("p.sex", "=", input.sex);
    if (input.cardStatus || input.level) {
      q = q.where((eb) => {
        let sub = eb.selectFrom("member_cards as fc").select("fc.id").whereRef("fc.patient_id", "=", "p.id");
        if (input.cardStatus) sub = sub.where("fc.status", "=", input.cardStatus);
        if (input.level) sub = sub.where("fc.level", "=", input.level);
        return eb.exists(sub);
      });
    }
    const band = birthDateRangeForAges(input.ageMin, input.ageMax);
    if (band.from) q = q.where("p.birth_date", ">=", band.from);
    if (band.to) q = q.where("p.birth_date", "<=", band.to);
    if (input.lastContactAfter) q = q.where("p.last_contact_at", ">=", input.lastContactAfter);
    if (input.lastContactBefore) q = q.where((eb) => eb.or([eb("p.last_contact_at", "<", input.lastContactBefore!), eb("p.last_contact_at", "is", null)]));
    if (byBirthDate) {
      q = q.where("p.birth_date", "is not", null);
      if (cursor?.v) q = q.where((eb) => eb(eb.refTuple("p.birth_date", "p.id"), dir === "asc" ? ">" : "<", eb.tuple(cursor.v!, cursor.id)));
      q = q.orderBy("p.birth_date", dir);
    } else if (cursor) {
      q = q.where("p.id", dir === "asc" ? ">" : "<", cursor.id);
    }
    return q.orderBy("p.id", dir).limit(input.limit + 1);
  };
  const readSensitive = can(ctx, "tag.read_sensitive");
  let q = db
    .with("page", (qb) => page(qb as unknown as TenantDb))
    .selectFrom("page as p")
    .selectAll("p")
    .select((eb) => [
      jsonArrayFrom(
        eb.selectFrom("member_cards as c").select(["c.id", "c.level", "c.status", "c.valid_to"]).whereRef("c.patient_id", "=", "p.id").orderBy("c.created_at", "desc"),
      ).as("cards"),
      jsonArrayFrom(
        eb
          .selectFrom("patient_tags as pt")
          .innerJoin("tags as t", "t.id", "pt.tag_id")
          .select(["t.id", "t.name", "t.colour", "t.category", "t.sensitive", "pt.source", "pt.rule_id", "pt.reason", "pt.rule_version", "pt.rule_facts"])
          .whereRef("pt.patient_id", "=", "p.id")
          .$if(!readSensitive, (s) => s.where("t.sensitive", "=", false))
          .orderBy("t.name"),
      ).as("tags"),
      // Staff accounts live in the control schema of the same database; only members of this tenant count.
      sql<string | null>`(select u.display_name from control.memberships m join control.users u on u.id = m.user_id where m.tenant_id = ${ctx.tenant.id} and u.id = p.manager_user_id)`.as(
        "manager_name",
      ),
    ]);
  if (byBirthDate) q = q.orderBy("p.birth_date", dir);
  return q.orderBy("p.id", dir);
}
