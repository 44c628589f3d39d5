import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit } from "@/server/audit/record";
import { openFieldOrNull, sealField } from "@/server/crypto/field-crypto";
import type { TenantKeyring } from "@/server/crypto/tenant-keys";
import {
  addTimelineEvent,
  badInput,
  binding,
  inPatientTransaction,
  keyring,
  loadPatientInScope,
  OutOfScope,
  openPatientField,
  patientKey,
  seesAllPatients,
  staffNames,
  type PatientContext,
} from "@/server/modules/patient/patient-context";
import { maskName } from "@/server/modules/patient/rules/masking";
import type { TAbnormalCloseInput, TAbnormalItemDetail, TAbnormalItemSummary, TAbnormalListInput } from "@/server/shared/dto/abnormal";
import { findingsOf, findItem, historyOf, listOpenItems } from "./abnormal.repository";
import { isOverdue } from "./rules/deadline";

type ItemRow = Awaited<ReturnType<typeof listOpenItems>>[number];

/** Outcomes whose note is required: a diagnosis must be named, a refusal explained. */
const NOTE_REQUIRED = new Set(["diagnosed", "declined"]);

function encodeCursor(row: { found_at: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ f: row.found_at.toISOString(), id: row.id })).toString("base64url");
}
function decodeCursor(raw: string): { foundAt: Date; id: string } {
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as { f: string; id: string };
    const foundAt = new Date(c.f);
    if (Number.isNaN(foundAt.getTime()) || typeof c.id !== "string" || !/^[0-9a-f-]{36}$/.test(c.id)) throw new Error();
    return { foundAt, id: c.id };
  } catch {
    throw badInput("cursorInvalid");
  }
}

async function summaries(ctx: PatientContext, trx: TenantDb, ring: TenantKeyring, rows: ItemRow[], now: Date): Promise<TAbnormalItemSummary[]> {
  const [findings, names] = await Promise.all([
    findingsOf(trx, rows.map((r) => r.id)),
    staffNames(ctx, trx, rows.flatMap((r) => [r.responsible_user_id, r.escalated_to_user_id])),
  ]);
  const staff = (id: string | null) => (id ? { id, name: names.get(id) ?? "—" } : null);
  return rows.map((r) => {
    const key = patientKey(ring, r.patient_id, r.key_sealed);
    const name = openPatientField(ctx, key, "name", r.patient_id, r.name_sealed);
    return {
      id: r.id,
      patientId: r.patient_id,
      patientNameMasked: name ? maskName(name) : "***",
      class: r.class,
      status: r.status,
      foundAt: r.found_at,
      dueAt: r.due_at,
      overdue: isOverdue({ status: r.status, dueAt: r.due_at }, now),
      escalatedAt: r.escalated_at,
      escalatedTo: staff(r.escalated_to_user_id),
      responsible: staff(r.responsible_user_id),
      outcome: r.outcome,
      closedAt: r.closed_at,
      findings: findings
        .filter((f) => f.item_id === r.id)
        .map((f) => ({ observationId: f.observation_id, rule: f.rule, code: f.code, name: f.name, nameEn: f.name_en, value: f.value, unit: f.unit, observedAt: f.observed_at })),
    };
  });
}

/** The dashboard list: open items in the caller's scope, oldest first. One audit event names the patients shown. */
export async function listAbnormalItems(ctx: PatientContext, input: TAbnormalListInput): Promise<{ items: TAbnormalItemSummary[]; nextCursor: string | null }> {
  const ring = await keyring(ctx);
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const now = new Date();
    const rows = await listOpenItems(trx, {
      panelOf: seesAllPatients(ctx) ? null : ctx.actor.userId,
      class: input.class,
      overdueAt: input.overdueOnly ? now : undefined,
      mineUserId: input.mine ? (ctx.actor.userId ?? undefined) : undefined,
      after,
      limit: input.limit + 1,
    });
    const page = rows.slice(0, input.limit);
    const items = await summaries(ctx, trx, ring, page, now);
    await recordAudit(trx, ctx.actor, {
      action: "abnormal.list",
      resourceType: "abnormal_item",
      purpose: "care",
      details: { patientIds: [...new Set(page.map((r) => r.patient_id))], count: page.length },
    });
    const last = page.at(-1);
    return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
  });
}

/** Open items of one patient (for the patient page). */
export async function patientAbnormalItems(ctx: PatientContext, patientId: string): Promise<TAbnormalItemSummary[]> {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, patientId, "abnormal.forPatient");
    const rows = await listOpenItems(trx, { panelOf: null, patientId: p.id, limit: 200 });
    await recordAudit(trx, ctx.actor, { action: "abnormal.list", resourceType: "abnormal_item", patientId: p.id, purpose: "care", details: { count: rows.length } });
    return summaries(ctx, trx, ring, rows, new Date());
  });
}

/** The item's patient must be in the caller's scope; an item of another tenant or panel is NOT_FOUND. */
async function loadItemInScope(ctx: PatientContext, trx: TenantDb, itemId: string, action: string) {
  const row = await findItem(trx, itemId);
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
  if (!seesAllPatients(ctx) && row.manager_user_id !== ctx.actor.userId) throw new OutOfScope(row.patient_id, action);
  return row;
}

export async function getAbnormalItem(ctx: PatientContext, itemId: string): Promise<TAbnormalItemDetail> {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const row = await loadItemInScope(ctx, trx, itemId, "abnormal.get");
    const [summary] = await summaries(ctx, trx, ring, [row], new Date());
    const history = await historyOf(trx, row.id);
    const names = await staffNames(ctx, trx, [row.closed_by, ...history.map((h) => h.actor_user_id)]);
    const key = patientKey(ring, row.patient_id, row.key_sealed);
    const note = key ? openFieldOrNull(key, row.outcome_note_sealed, binding(ctx, "abnormal_items", "outcome_note", row.id)) : null;
    await recordAudit(trx, ctx.actor, { action: "abnormal.view", resourceType: "abnormal_item", resourceId: row.id, patientId: row.patient_id, purpose: "care" });
    const staff = (id: string | null) => (id ? { id, name: names.get(id) ?? "—" } : null);
    return {
      ...summary!,
      outcomeNote: note,
      closedBy: staff(row.closed_by),
      history: history.map((h) => ({ kind: h.kind, at: h.occurred_at, actor: staff(h.actor_user_id), details: h.details })),
    };
  });
}

/** Records the outcome and closes the item; the note is sealed under the patient's key. */
export async function closeAbnormalItem(ctx: PatientContext, input: TAbnormalCloseInput): Promise<{ id: string; status: "closed" }> {
  const ring = await keyring(ctx);
  if (NOTE_REQUIRED.has(input.outcome) && !input.note) throw badInput("abnormalNoteRequired");
  return inPatientTransaction(ctx, async (trx) => {
    const row = await loadItemInScope(ctx, trx, input.itemId, "abnormal.close");
    const locked = await trx.selectFrom("abnormal_items").select("status").where("id", "=", row.id).forUpdate().executeTakeFirstOrThrow();
    if (locked.status !== "open") throw new TRPCError({ code: "CONFLICT", message: "errors.abnormalAlreadyClosed" });
    const key = patientKey(ring, row.patient_id, row.key_sealed);
    if (!key) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    const now = new Date();
    await trx
      .updateTable("abnormal_items")
      .set({
        status: "closed",
        outcome: input.outcome,
        outcome_note_sealed: input.note ? sealField(key, input.note, binding(ctx, "abnormal_items", "outcome_note", row.id)) : null,
        closed_at: now,
        closed_by: ctx.actor.userId,
      })
      .where("id", "=", row.id)
      .execute();
    await trx
      .insertInto("abnormal_item_events")
      .values({ id: uuidv7(), item_id: row.id, kind: "closed", actor_user_id: ctx.actor.userId, details: JSON.stringify({ outcome: input.outcome, overdue: row.due_at <= now }) })
      .execute();
    await addTimelineEvent(trx, ctx, row.patient_id, "abnormal.closed", { itemId: row.id, class: row.class, outcome: input.outcome });
    await recordAudit(trx, ctx.actor, {
      action: "abnormal.close",
      resourceType: "abnormal_item",
      resourceId: row.id,
      patientId: row.patient_id,
      purpose: "care",
      details: { outcome: input.outcome, class: row.class },
    });
    return { id: row.id, status: "closed" as const };
  });
}
