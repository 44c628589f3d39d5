import type { TenantDb } from "@/db/tenant";
import type { ConsentPurpose, ConsentSource } from "@/db/types/tenant";

export interface CurrentConsent {
  granted: boolean;
  source: ConsentSource;
  recordedAt: Date;
}

/** The latest record per purpose decides (ids are v7, so the latest id is the latest record). */
export async function currentConsents(db: TenantDb, patientId: string): Promise<Record<ConsentPurpose, CurrentConsent | null>> {
  const rows = await db
    .selectFrom("patient_consents")
    .select(["purpose", "action", "source", "recorded_at"])
    .distinctOn("purpose")
    .where("patient_id", "=", patientId)
    .orderBy("purpose")
    .orderBy("id", "desc")
    .execute();
  const out: Record<ConsentPurpose, CurrentConsent | null> = { care: null, marketing: null };
  for (const r of rows) out[r.purpose] = { granted: r.action === "grant", source: r.source, recordedAt: r.recorded_at };
  return out;
}

/** Checked at send time: only an explicit, current grant allows a message. */
export async function hasConsent(db: TenantDb, patientId: string, purpose: ConsentPurpose): Promise<boolean> {
  const row = await db
    .selectFrom("patient_consents")
    .select("action")
    .where("patient_id", "=", patientId)
    .where("purpose", "=", purpose)
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.action === "grant";
}
