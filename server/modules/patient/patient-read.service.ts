import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import type { Entitlement } from "@/db/types/tenant";
import { recordAudit } from "@/server/audit/record";
import { openField } from "@/server/crypto/field-crypto";
import type { SealingKey } from "@/server/crypto/secret-box";
import type { TCard, TPatientHeader, TPatientListInput, TPatientSummary, TRevealField, TTagChip } from "@/server/shared/dto/patient";
import {
  addTimelineEvent,
  badInput,
  binding,
  can,
  inPatientTransaction,
  isoDate,
  keyring,
  loadPatientInScope,
  openPatientField,
  patientKey,
  seesAllPatients,
  staffNames,
  type PatientContext,
} from "./patient-context";
import { ageOn } from "./rules/age";
import { maskAddress, maskEmail, maskIdNumber, maskName, maskPhone } from "./rules/masking";
import { patientListQuery, tagChip, type ListCursor } from "./patient-list.query";
import { queryTokens } from "./search-tokens";

const FAMILY_INVERSE: Record<string, string> = {
  spouse: "spouse",
  parent: "child",
  child: "parent",
  sibling: "sibling",
  grandparent: "grandchild",
  grandchild: "grandparent",
  other: "other",
};

function encodeCursor(c: ListCursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}
function decodeCursor(raw: string): ListCursor {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as ListCursor;
    if (typeof c.id !== "string" || !/^[0-9a-f-]{36}$/.test(c.id)) throw new Error();
    if (c.v !== null && (typeof c.v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(c.v))) throw new Error();
    return c;
  } catch {
    throw badInput("cursorInvalid");
  }
}

/** Tag chips of many patients in one query; sensitive tags only for roles with tag.read_sensitive. */
async function tagsFor(ctx: PatientContext, db: TenantDb, patientIds: string[]): Promise<Map<string, TTagChip[]>> {
  const out = new Map<string, TTagChip[]>();
  if (patientIds.length === 0) return out;
  let q = db
    .selectFrom("patient_tags as pt")
    .innerJoin("tags as t", "t.id", "pt.tag_id")
    .select(["pt.patient_id", "t.id", "t.name", "t.colour", "t.category", "t.sensitive", "pt.source", "pt.rule_id", "pt.reason", "pt.rule_version", "pt.rule_facts"])
    .where("pt.patient_id", "in", patientIds);
  if (!can(ctx, "tag.read_sensitive")) q = q.where("t.sensitive", "=", false);
  for (const r of await q.orderBy("t.name").execute()) {
    const list = out.get(r.patient_id) ?? [];
    list.push(tagChip(r));
    out.set(r.patient_id, list);
  }
  return out;
}

/**
 * Patient list and type-ahead search: ONE statement per page (patientListQuery: token semi-join,
 * filters, keyset, and the page's cards, tags and manager names), then the audit event. No COUNT(*).
 */
export async function listPatients(ctx: PatientContext, input: TPatientListInput): Promise<{ items: TPatientSummary[]; nextCursor: string | null }> {
  const ring = await keyring(ctx);
  const tokens = input.q ? queryTokens(ring, input.q) : null;
  const cursor = input.cursor ? decodeCursor(input.cursor) : null;
  if (input.tagIds?.length) {
    let tq = ctx.db.selectFrom("tags").select("id").where("id", "in", input.tagIds);
    if (!can(ctx, "tag.read_sensitive")) tq = tq.where("sensitive", "=", false);
    if ((await tq.execute()).length !== new Set(input.tagIds).size) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  }
  if (input.ageMin !== undefined && input.ageMax !== undefined && input.ageMin > input.ageMax) throw badInput("ageBandReversed");
  const emptyPage = { items: [], nextCursor: null };
  if (tokens && tokens.length === 0) return emptyPage;

  return ctx.db.transaction().execute(async (trx) => {
    const rows = await patientListQuery(ctx, trx, input, tokens, cursor).execute();
    const page = rows.slice(0, input.limit);
    const last = page.at(-1);
    const nextCursor = rows.length > input.limit && last ? encodeCursor({ v: input.sort.startsWith("birthDate") ? isoDate(last.birth_date) : null, id: last.id }) : null;
    const ids = page.map((r) => r.id);
    const today = new Date();
    const items = page.map((r): TPatientSummary => {
      const key = patientKey(ring, r.id, r.key_sealed);
      const name = openPatientField(ctx, key, "name", r.id, r.name_sealed);
      const phone = openPatientField(ctx, key, "phone", r.id, r.phone_sealed);
      const card = r.cards.find((c) => c.status === "active") ?? r.cards[0];
      const birth = isoDate(r.birth_date);
      return {
        id: r.id,
        nameMasked: name ? maskName(name) : "***",
        sex: r.sex,
        age: birth ? ageOn(birth, today) : null,
        phoneMasked: phone ? maskPhone(phone) : null,
        manager: r.manager_user_id ? { id: r.manager_user_id, name: r.manager_name ?? "—" } : null,
        card: card ? { id: card.id, level: card.level, status: card.status, validTo: isoDate(card.valid_to)! } : null,
        tags: r.tags.map(tagChip),
        lastContactAt: r.last_contact_at,
        createdAt: r.created_at,
      };
    });
    await recordAudit(trx, ctx.actor, {
      action: input.q ? "patient.search" : "patient.list",
      resourceType: "patient",
      purpose: "care",
      details: { patientIds: ids, filtered: Boolean(input.q || input.tagIds?.length || input.managerUserId || input.cardStatus || input.level || input.sex) },
    });
    return { items, nextCursor };
  });
}

function cardDto(ctx: PatientContext, key: SealingKey | null, c: { id: string; card_no_sealed: string; level: string; service_package: string | null; valid_from: Date | string; valid_to: Date | string; status: TCard["status"]; entitlements: Entitlement[]; created_at: Date }): TCard {
  return {
    id: c.id,
    cardNumber: key ? openField(key, c.card_no_sealed, binding(ctx, "member_cards", "card_no", c.id)) : "",
    level: c.level,
    servicePackage: c.service_package,
    validFrom: isoDate(c.valid_from)!,
    validTo: isoDate(c.valid_to)!,
    status: c.status,
    entitlements: c.entitlements,
    createdAt: c.created_at,
  };
}

/** Patient 360 header: a fixed number of queries whatever the patient's history. */
export async function getPatientHeader(ctx: PatientContext, patientId: string): Promise<TPatientHeader> {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, patientId, "patient.get");
    const key = patientKey(ring, p.id, p.key_sealed);
    const f = (column: string, sealed: string | null) => openPatientField(ctx, key, column, p.id, sealed);
    const [cards, tags, links, tasks, record, dep] = await Promise.all([
      trx.selectFrom("member_cards").selectAll().where("patient_id", "=", p.id).orderBy("created_at", "desc").execute(),
      tagsFor(ctx, trx, [p.id]),
      trx
        .selectFrom("family_links as f")
        .innerJoin("patients as r", "r.id", "f.related_patient_id")
        .select(["f.related_patient_id", "f.relation", "r.key_sealed", "r.name_sealed", "r.manager_user_id"])
        .where("f.patient_id", "=", p.id)
        .execute(),
      trx.selectFrom("worklist_tasks").select((eb) => eb.fn.countAll<string>().as("n")).where("patient_id", "=", p.id).where("status", "=", "open").executeTakeFirstOrThrow(),
      trx.selectFrom("health_records").select("version").where("patient_id", "=", p.id).executeTakeFirst(),
      p.department_id ? trx.selectFrom("departments").select(["id", "name"]).where("id", "=", p.department_id).executeTakeFirst() : Promise.resolve(undefined),
    ]);
    const names = await staffNames(ctx, trx, [p.manager_user_id]);
    const name = f("name", p.name_sealed);
    const idNumber = f("id_number", p.id_number_sealed);
    const phone = f("phone", p.phone_sealed);
    const email = f("email", p.email_sealed);
    const address = f("address", p.address_sealed);
    const birth = isoDate(p.birth_date);
    const all = seesAllPatients(ctx);
    await recordAudit(trx, ctx.actor, { action: "patient.view", resourceType: "patient", resourceId: p.id, patientId: p.id, purpose: "care" });
    const actions: TPatientHeader["actions"] = [];
    if (can(ctx, "patient.unmask")) actions.push("reveal");
    if (can(ctx, "record.write")) actions.push("editRecord");
    if (can(ctx, "patient.write")) actions.push("openCard", "tag", "linkFamily");
    if (can(ctx, "patient.assign")) actions.push("reassign");
    return {
      id: p.id,
      nameMasked: name ? maskName(name) : "***",
      sex: p.sex,
      birthDate: birth,
      age: birth ? ageOn(birth) : null,
      idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
      phoneMasked: phone ? maskPhone(phone) : null,
      emailMasked: email ? maskEmail(email) : null,
      addressMasked: address ? maskAddress(address) : null,
      hasEmergencyContact: p.emergency_contact_sealed !== null,
      sourceChannel: p.source_channel,
      department: dep ? { id: dep.id, name: dep.name } : null,
      manager: p.manager_user_id ? { id: p.manager_user_id, name: names.get(p.manager_user_id) ?? "—" } : null,
      status: p.status,
      cards: cards.map((c) => cardDto(ctx, key, c)),
      tags: tags.get(p.id) ?? [],
      family: links.map((l) => {
        const rn = openPatientField(ctx, patientKey(ring, l.related_patient_id, l.key_sealed), "name", l.related_patient_id, l.name_sealed);
        return { patientId: l.related_patient_id, nameMasked: rn ? maskName(rn) : "***", relation: l.relation, inScope: all || l.manager_user_id === ctx.actor.userId };
      }),
      openTaskCount: Number(tasks.n),
      recordVersion: record?.version ?? null,
      lastContactAt: p.last_contact_at,
      createdAt: p.created_at,
      actions,
    };
  });
}

/** Timeline (newest first, keyset on the v7 event id). */
export async function getTimeline(ctx: PatientContext, input: { patientId: string; cursor?: string; limit: number }) {
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, input.patientId, "patient.timeline");
    let q = trx.selectFrom("patient_events").select(["id", "kind", "occurred_at", "actor_user_id", "details"]).where("patient_id", "=", input.patientId);
    if (input.cursor) q = q.where("id", "<", input.cursor);
    const rows = await q.orderBy("id", "desc").limit(input.limit + 1).execute();
    const page = rows.slice(0, input.limit);
    const names = await staffNames(ctx, trx, page.map((r) => r.actor_user_id));
    const hideSensitive = !can(ctx, "tag.read_sensitive");
    let sensitive = new Set<string>();
    if (hideSensitive) sensitive = new Set((await trx.selectFrom("tags").select("id").where("sensitive", "=", true).execute()).map((t) => t.id));
    await recordAudit(trx, ctx.actor, { action: "patient.timeline", resourceType: "patient", resourceId: input.patientId, patientId: input.patientId, purpose: "care" });
    return {
      items: page
        .filter((r) => !(typeof r.details.tagId === "string" && sensitive.has(r.details.tagId)))
        .map((r) => ({
          id: r.id,
          kind: r.kind,
          occurredAt: r.occurred_at,
          actor: r.actor_user_id ? { id: r.actor_user_id, name: names.get(r.actor_user_id) ?? "—" } : null,
          details: r.details,
        })),
      nextCursor: rows.length > input.limit ? page.at(-1)!.id : null,
    };
  });
}

const REVEAL_COLUMNS: Record<TRevealField, "name_sealed" | "id_number_sealed" | "phone_sealed" | "email_sealed" | "address_sealed" | "emergency_contact_sealed" | "notes_sealed"> = {
  name: "name_sealed",
  idNumber: "id_number_sealed",
  phone: "phone_sealed",
  email: "email_sealed",
  address: "address_sealed",
  emergencyContact: "emergency_contact_sealed",
  notes: "notes_sealed",
};

/** Reveals ONE clear value; patient.unmask, audited with the stated purpose. */
export async function revealField(ctx: PatientContext, input: { patientId: string; field: TRevealField; purpose: string }) {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, input.patientId, "patient.reveal");
    const column = REVEAL_COLUMNS[input.field];
    const value = openPatientField(ctx, patientKey(ring, p.id, p.key_sealed), column.replace(/_sealed$/, ""), p.id, p[column]);
    await recordAudit(trx, ctx.actor, {
      action: "patient.unmask",
      resourceType: "patient",
      resourceId: p.id,
      patientId: p.id,
      purpose: input.purpose,
      details: { field: input.field },
    });
    return { field: input.field, value };
  });
}

export async function linkFamily(ctx: PatientContext, input: { patientId: string; relatedPatientId: string; relation: string }) {
  if (input.patientId === input.relatedPatientId) throw badInput("familySelf");
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, input.patientId, "family.link");
    await loadPatientInScope(ctx, trx, input.relatedPatientId, "family.link");
    const exists = await trx.selectFrom("family_links").select("id").where("patient_id", "=", input.patientId).where("related_patient_id", "=", input.relatedPatientId).executeTakeFirst();
    if (exists) throw new TRPCError({ code: "CONFLICT", message: "errors.familyExists" });
    await trx
      .insertInto("family_links")
      .values([
        { id: uuidv7(), patient_id: input.patientId, related_patient_id: input.relatedPatientId, relation: input.relation, created_by: ctx.actor.userId },
        { id: uuidv7(), patient_id: input.relatedPatientId, related_patient_id: input.patientId, relation: FAMILY_INVERSE[input.relation] ?? "other", created_by: ctx.actor.userId },
      ])
      .execute();
    for (const [a, b] of [
      [input.patientId, input.relatedPatientId],
      [input.relatedPatientId, input.patientId],
    ] as const) {
      await addTimelineEvent(trx, ctx, a, "family.linked", { relatedPatientId: b });
      await recordAudit(trx, ctx.actor, { action: "family.link", resourceType: "patient", resourceId: a, patientId: a, details: { relatedPatientId: b } });
    }
    return { ok: true as const };
  });
}

export async function unlinkFamily(ctx: PatientContext, input: { patientId: string; relatedPatientId: string }) {
  return inPatientTransaction(ctx, async (trx) => {
    await loadPatientInScope(ctx, trx, input.patientId, "family.unlink");
    const removed = await trx
      .deleteFrom("family_links")
      .where((eb) =>
        eb.or([
          eb.and([eb("patient_id", "=", input.patientId), eb("related_patient_id", "=", input.relatedPatientId)]),
          eb.and([eb("patient_id", "=", input.relatedPatientId), eb("related_patient_id", "=", input.patientId)]),
        ]),
      )
      .returning("id")
      .execute();
    if (removed.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    for (const [a, b] of [
      [input.patientId, input.relatedPatientId],
      [input.relatedPatientId, input.patientId],
    ] as const) {
      await addTimelineEvent(trx, ctx, a, "family.unlinked", { relatedPatientId: b });
      await recordAudit(trx, ctx.actor, { action: "family.unlink", resourceType: "patient", resourceId: a, patientId: a, details: { relatedPatientId: b } });
    }
    return { ok: true as const };
  });
}
