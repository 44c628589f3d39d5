import { randomBytes } from "node:crypto";
import { seal, unseal, type SealingKey } from "./secret-box";
import type { TenantKeyring } from "./tenant-keys";

/**
 * Field-level encryption of identifiers and free text (AES-256-GCM via secret-box).
 * Each patient has an own 32-byte key, wrapped by the tenant key and stored in `patients.key_sealed`:
 * erasing that one column crypto-shreds every value sealed for the patient (DESIGN §3.4).
 * Associated data binds every value to tenant, table, column and row: a ciphertext copied to
 * another row, column or tenant fails to open.
 */
export interface FieldBinding {
  tenantId: string;
  table: string;
  column: string;
  rowId: string;
}

export function fieldAad(b: FieldBinding): string {
  return `carepath:v1|${b.tenantId}|${b.table}|${b.column}|${b.rowId}`;
}

export function sealField(key: SealingKey, value: string, b: FieldBinding): string {
  return seal(key, value, fieldAad(b));
}

export function openField(key: SealingKey, sealed: string, b: FieldBinding): string {
  return unseal([key], sealed, fieldAad(b));
}

export function sealFieldOrNull(key: SealingKey, value: string | null | undefined, b: FieldBinding): string | null {
  return value === null || value === undefined || value === "" ? null : sealField(key, value, b);
}

export function openFieldOrNull(key: SealingKey, sealed: string | null, b: FieldBinding): string | null {
  return sealed === null ? null : openField(key, sealed, b);
}

/** A new per-patient key and its wrapped form for `patients.key_sealed`. */
export function newPatientKey(ring: TenantKeyring, patientId: string): { key: SealingKey; sealed: string } {
  const raw = randomBytes(32);
  return { key: { kid: "pk1", key: raw }, sealed: seal(ring.wrapKey, raw.toString("base64"), patientKeyAad(ring.tenantId, patientId)) };
}

export function openPatientKey(ring: TenantKeyring, patientId: string, sealed: string): SealingKey {
  return { kid: "pk1", key: Buffer.from(unseal([ring.wrapKey], sealed, patientKeyAad(ring.tenantId, patientId)), "base64") };
}

function patientKeyAad(tenantId: string, patientId: string): string {
  return `carepath:patient-key|${tenantId}|${patientId}`;
}
