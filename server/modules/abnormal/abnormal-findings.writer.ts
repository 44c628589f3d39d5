import type { Kysely } from "kysely";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import type { ControlDatabase } from "@/db/types/control";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import type { AbnormalClass } from "./rules/abnormal-classes";
import type { ResultToClassify } from "./rules/classify-result";
import { abnormalDeadline } from "./rules/deadline";
import { findingsByClass } from "./rules/group-findings";

export interface WrittenResult extends ResultToClassify {
  observationId: string;
  name: string;
  nameEn: string | null;
  unit: string;
  observedAt: Date;
}

export interface FindingsPatient {
  id: string;
  manager_user_id: string | null;
  department_id: string | null;
}

export interface CreatedItem {
  id: string;
  patientId: string;
  class: AbnormalClass;
}

const CHUNK = 1000;
/** Patients named per audit event when one import creates items for many patients. */
const AUDIT_PATIENTS_PER_EVENT = 500;

/**
 * Creates the 重要异常结果 items for results just written, INSIDE the writer's transaction (`trx`), so
 * an observation and the item it causes commit or roll back together. One item per patient and
 * class; owned by the patient's health manager; due per class in the tenant's time zone. Multi-row
 * inserts, so an import of 50,000 patients costs a few statements per thousand items, not per item.
 */
export async function recordAbnormalFindingsBatch(
  trx: TenantDb,
  actor: AuditActor,
  input: { tenantId: string; source: string; foundAt?: Date; patients: { patient: FindingsPatient; results: WrittenResult[] }[] },
): Promise<CreatedItem[]> {
  const foundAt = input.foundAt ?? new Date();
  let timeZone: string | null = null;
  const items: { id: string; patient_id: string; class: AbnormalClass; source: string; responsible_user_id: string | null; department_id: string | null; found_at: Date; due_at: Date }[] = [];
  const findings: { item_id: string; observation_id: string; rule: string; position: number; code: string; name: string; name_en: string | null; value: number | null; unit: string; observed_at: Date }[] = [];
  const events: { id: string; item_id: string; kind: "created"; actor_user_id: string | null; details: string }[] = [];
  const timeline: { id: string; patient_id: string; kind: string; actor_user_id: string | null; details: string }[] = [];
  for (const { patient, results } of input.patients) {
    const groups = findingsByClass(results);
    if (groups.size === 0) continue;
    timeZone ??= await tenantTimeZone(trx, input.tenantId);
    const byObservation = new Map(results.map((r) => [r.observationId, r]));
    for (const [cls, list] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const id = uuidv7();
      const dueAt = abnormalDeadline(cls, foundAt, timeZone);
      const rules = list.map((f) => f.rule);
      items.push({ id, patient_id: patient.id, class: cls, source: input.source, responsible_user_id: patient.manager_user_id, department_id: patient.department_id, found_at: foundAt, due_at: dueAt });
      list.forEach((f, position) => {
        const r = byObservation.get(f.observationId)!;
        findings.push({ item_id: id, observation_id: f.observationId, rule: f.rule, position, code: r.code, name: r.name, name_en: r.nameEn, value: r.value, unit: r.unit, observed_at: r.observedAt });
      });
      events.push({ id: uuidv7(), item_id: id, kind: "created", actor_user_id: actor.userId, details: JSON.stringify({ class: cls, rules, dueAt: dueAt.toISOString() }) });
      timeline.push({ id: uuidv7(), patient_id: patient.id, kind: "abnormal.created", actor_user_id: actor.userId, details: JSON.stringify({ itemId: id, class: cls, rules }) });
    }
  }
  if (items.length === 0) return [];
  for (let i = 0; i < items.length; i += CHUNK) await trx.insertInto("abnormal_items").values(items.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < findings.length; i += CHUNK) await trx.insertInto("abnormal_item_observations").values(findings.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < events.length; i += CHUNK) await trx.insertInto("abnormal_item_events").values(events.slice(i, i + CHUNK)).execute();
  for (let i = 0; i < timeline.length; i += CHUNK) await trx.insertInto("patient_events").values(timeline.slice(i, i + CHUNK)).execute();

  const patientIds = [...new Set(items.map((i) => i.patient_id))];
  for (let i = 0; i < patientIds.length; i += AUDIT_PATIENTS_PER_EVENT) {
    const group = new Set(patientIds.slice(i, i + AUDIT_PATIENTS_PER_EVENT));
    const mine = items.filter((it) => group.has(it.patient_id));
    await recordAudit(trx, actor, {
      action: "abnormal.create",
      resourceType: "abnormal_item",
      resourceId: mine.length === 1 ? mine[0]!.id : undefined,
      patientId: group.size === 1 ? [...group][0] : undefined,
      purpose: "care",
      details: { source: input.source, items: mine.map((it) => ({ id: it.id, patientId: it.patient_id, class: it.class })) },
    });
  }
  return items.map((i) => ({ id: i.id, patientId: i.patient_id, class: i.class }));
}

/** One patient's results (manual entry, tests). */
export async function recordAbnormalFindings(
  trx: TenantDb,
  actor: AuditActor,
  input: { tenantId: string; patient: FindingsPatient; results: WrittenResult[]; source: string; foundAt?: Date },
): Promise<{ id: string; class: AbnormalClass }[]> {
  const created = await recordAbnormalFindingsBatch(trx, actor, { tenantId: input.tenantId, source: input.source, foundAt: input.foundAt, patients: [{ patient: input.patient, results: input.results }] });
  return created.map((c) => ({ id: c.id, class: c.class }));
}

/** The tenant's time zone, read on the transaction's own connection (PGlite has only one). */
export async function tenantTimeZone(via: TenantDb, tenantId: string): Promise<string> {
  const row = await (via as unknown as Kysely<ControlDatabase>).withSchema("control").selectFrom("tenants").select("time_zone").where("id", "=", tenantId).executeTakeFirst();
  return row?.time_zone ?? "Asia/Shanghai";
}
