import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import type { TenantDb } from "@/db/tenant";
import { recordAudit, type AuditActor } from "@/server/audit/record";
import type { SealingKey } from "@/server/crypto/secret-box";
import { openField, sealField } from "@/server/crypto/field-crypto";
import {
  addTimelineEvent,
  badInput,
  binding,
  inPatientTransaction,
  keyring,
  loadPatientInScope,
  patientKey,
  staffNames,
  type PatientContext,
} from "@/server/modules/patient/patient-context";
import { ZHealthRecordData, type THealthRecordData } from "@/server/shared/dto/patient-record";
import { evaluateAfterChange } from "@/server/modules/rules/evaluate-after-change";
import { recordFacts } from "@/server/modules/rules/record-facts";

const EMPTY: THealthRecordData = ZHealthRecordData.parse({});

/** Top-level sections whose content differs between two versions (the "what changed" of a version). */
export function changedSections(before: THealthRecordData, after: THealthRecordData): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof THealthRecordData>;
  return [...keys].filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)).sort();
}

export async function getRecord(ctx: PatientContext, patientId: string) {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, patientId, "record.get");
    const row = await trx.selectFrom("health_records").selectAll().where("patient_id", "=", p.id).executeTakeFirst();
    const key = patientKey(ring, p.id, p.key_sealed);
    await recordAudit(trx, ctx.actor, { action: "record.view", resourceType: "health_record", resourceId: p.id, patientId: p.id, purpose: "care" });
    if (!row || !key) return { patientId: p.id, version: 0, data: EMPTY, updatedAt: null, updatedBy: null };
    const data = ZHealthRecordData.parse(JSON.parse(openField(key, row.data_sealed, binding(ctx, "health_records", "data", `${p.id}:${row.version}`))));
    const names = await staffNames(ctx, trx, [row.updated_by]);
    return {
      patientId: p.id,
      version: row.version,
      data,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by ? { id: row.updated_by, name: names.get(row.updated_by) ?? "—" } : null,
    };
  });
}

export async function updateRecord(ctx: PatientContext, input: { patientId: string; expectedVersion: number; data: THealthRecordData }) {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, input.patientId, "record.update");
    if (input.data.fertility && p.sex !== "female") throw badInput("recordFertilityFemaleOnly");
    const key = patientKey(ring, p.id, p.key_sealed);
    if (!key) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    const current = await trx.selectFrom("health_records").selectAll().where("patient_id", "=", p.id).forUpdate().executeTakeFirst();
    const currentVersion = current?.version ?? 0;
    if (currentVersion !== input.expectedVersion) throw new TRPCError({ code: "CONFLICT", message: "errors.recordVersionConflict" });
    const before = current
      ? ZHealthRecordData.parse(JSON.parse(openField(key, current.data_sealed, binding(ctx, "health_records", "data", `${p.id}:${current.version}`))))
      : EMPTY;
    const changed = changedSections(before, input.data);
    if (changed.length === 0) return { version: currentVersion, changedFields: [] };
    const version = currentVersion + 1;
    const sealedFor = (table: string) => sealField(key, JSON.stringify(input.data), binding(ctx, table, "data", `${p.id}:${version}`));
    const facts = JSON.stringify(recordFacts(input.data));
    if (current) {
      await trx.updateTable("health_records").set({ version, data_sealed: sealedFor("health_records"), facts, updated_by: ctx.actor.userId, updated_at: new Date() }).where("patient_id", "=", p.id).execute();
    } else {
      await trx.insertInto("health_records").values({ patient_id: p.id, version, data_sealed: sealedFor("health_records"), facts, updated_by: ctx.actor.userId }).execute();
    }
    await trx
      .insertInto("health_record_versions")
      .values({ id: uuidv7(), patient_id: p.id, version, data_sealed: sealedFor("health_record_versions"), changed_fields: JSON.stringify(changed), changed_by: ctx.actor.userId })
      .execute();
    await addTimelineEvent(trx, ctx, p.id, "record.updated", { version, changedFields: changed });
    await evaluateAfterChange(trx, ctx, [p.id]);
    await recordAudit(trx, ctx.actor, {
      action: "record.update",
      resourceType: "health_record",
      resourceId: p.id,
      patientId: p.id,
      purpose: "care",
      details: { version, changedFields: changed },
    });
    return { version, changedFields: changed };
  });
}

export async function recordHistory(ctx: PatientContext, patientId: string) {
  const ring = await keyring(ctx);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, patientId, "record.history");
    const key = patientKey(ring, p.id, p.key_sealed);
    const rows = await trx.selectFrom("health_record_versions").selectAll().where("patient_id", "=", p.id).orderBy("version", "desc").limit(100).execute();
    const names = await staffNames(ctx, trx, rows.map((r) => r.changed_by));
    await recordAudit(trx, ctx.actor, { action: "record.history", resourceType: "health_record", resourceId: p.id, patientId: p.id, purpose: "care" });
    if (!key) return [];
    return rows.map((r) => ({
      version: r.version,
      changedFields: r.changed_fields,
      changedBy: r.changed_by ? { id: r.changed_by, name: names.get(r.changed_by) ?? "—" } : null,
      changedAt: r.changed_at,
      data: ZHealthRecordData.parse(JSON.parse(openField(key, r.data_sealed, binding(ctx, "health_record_versions", "data", `${p.id}:${r.version}`)))),
    }));
  });
}

/**
 * Fills health-record lifestyle fields from another source (a completed form): reads the current
 * version, merges, and writes a new version only when something changed. Runs in the caller's
 * transaction; the caller has checked scope and writes its own audit event. Returns the changed sections.
 */
export async function applyLifestyleFromSource(
  trx: TenantDb,
  env: { tenant: { id: string }; actor: AuditActor },
  patient: { id: string; key: SealingKey },
  patch: Partial<THealthRecordData["lifestyle"]>,
  source: { kind: "form"; id: string },
): Promise<string[]> {
  const bind = (table: string, version: number) => ({ tenantId: env.tenant.id, table, column: "data", rowId: `${patient.id}:${version}` });
  const current = await trx.selectFrom("health_records").selectAll().where("patient_id", "=", patient.id).forUpdate().executeTakeFirst();
  const before = current ? ZHealthRecordData.parse(JSON.parse(openField(patient.key, current.data_sealed, bind("health_records", current.version)))) : EMPTY;
  const after = ZHealthRecordData.parse({ ...before, lifestyle: { ...before.lifestyle, ...patch } });
  const changed = changedSections(before, after);
  if (changed.length === 0) return [];
  const version = (current?.version ?? 0) + 1;
  const sealed = (table: string) => sealField(patient.key, JSON.stringify(after), bind(table, version));
  const facts = JSON.stringify(recordFacts(after));
  if (current) {
    await trx.updateTable("health_records").set({ version, data_sealed: sealed("health_records"), facts, updated_by: env.actor.userId, updated_at: new Date() }).where("patient_id", "=", patient.id).execute();
  } else {
    await trx.insertInto("health_records").values({ patient_id: patient.id, version, data_sealed: sealed("health_records"), facts, updated_by: env.actor.userId }).execute();
  }
  await trx
    .insertInto("health_record_versions")
    .values({ id: uuidv7(), patient_id: patient.id, version, data_sealed: sealed("health_record_versions"), changed_fields: JSON.stringify(changed), changed_by: env.actor.userId })
    .execute();
  await trx
    .insertInto("patient_events")
    .values({ id: uuidv7(), patient_id: patient.id, kind: "record.updated", actor_user_id: env.actor.userId, details: JSON.stringify({ version, changedFields: changed, source: source.kind, sourceId: source.id }) })
    .execute();
  return changed;
}
