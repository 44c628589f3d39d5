import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import { getTenantKeyring } from "@/server/crypto/tenant-keys";
import { patientKey } from "@/server/modules/patient/patient-context";
import { loadCatalogue } from "@/server/modules/results/catalogue.repository";
import { writeObservations } from "@/server/modules/results/observation-writer";
import type { TestCaller } from "./caller";
import { systemActor } from "./test-database";

export type Series = Record<string, [string, number | string, string?][]>;

/** Writes observations (catalogue code → [ISO date, value, unit?]) through the results domain's writer. */
export async function writeSeries(db: DatabaseHandle, tenant: { id: string; slug: string }, patientId: string, series: Series): Promise<void> {
  const t = forTenant(db.unsafeRoot, tenant.slug);
  await t.transaction().execute(async (trx) => {
    const catalogue = await loadCatalogue(trx);
    const row = await trx.selectFrom("patients").select(["id", "sex", "birth_date", "key_sealed"]).where("id", "=", patientId).executeTakeFirstOrThrow();
    const ring = await getTenantKeyring(db.control, tenant.id);
    const bd = row.birth_date;
    const birthDate = bd === null ? null : typeof bd === "string" ? bd.slice(0, 10) : `${bd.getFullYear()}-${String(bd.getMonth() + 1).padStart(2, "0")}-${String(bd.getDate()).padStart(2, "0")}`;
    await writeObservations(trx, { tenantId: tenant.id, actor: systemActor }, {
      patient: { id: row.id, sex: row.sex, birthDate, key: patientKey(ring, row.id, row.key_sealed) },
      reportId: null,
      sourceKind: "manual",
      sourceId: null,
      drafts: Object.entries(series).flatMap(([code, points]) => points.map(([date, value, unit]) => ({ indicator: catalogue.find(code)!, observedAt: new Date(`${date}T01:00:00Z`), value, unit: unit ?? null }))),
    });
  });
}

/**
 * A 56-year-old male smoker on amlodipine with a diabetic father, and a year of results: blood
 * pressure falling from 152/96 to 142/90, weight 82 → 80 kg at 170 cm, waist 96, lipids, glucose, creatinine.
 */
export async function openRiskPatient(db: DatabaseHandle, tenant: { id: string; slug: string }, caller: TestCaller, managerUserId?: string): Promise<string> {
  const year = new Date().getUTCFullYear();
  const opened = await caller.patient.openCard({
    patient: { name: "风险患者", birthDate: `${year - 56}-01-15`, sex: "male" },
    card: { level: "金卡", validFrom: `${year - 1}-01-01`, validTo: `${year + 1}-01-01` },
    ...(managerUserId ? { managerUserId } : {}),
  });
  if (opened.outcome !== "created") throw new Error("expected created");
  return opened.patientId;
}

export function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

export const RISK_SERIES = (): Series => ({
  SBP: [[daysAgo(300), 152], [daysAgo(200), 148], [daysAgo(100), 145], [daysAgo(10), 142]],
  DBP: [[daysAgo(300), 96], [daysAgo(200), 94], [daysAgo(100), 92], [daysAgo(10), 90]],
  HEIGHT: [[daysAgo(300), 170]],
  WEIGHT: [[daysAgo(300), 82], [daysAgo(10), 80]],
  WAIST: [[daysAgo(10), 96]],
  TC: [[daysAgo(300), 6.1], [daysAgo(10), 5.5]],
  HDLC: [[daysAgo(10), 1.1]],
  TG: [[daysAgo(10), 2.1]],
  FPG: [[daysAgo(300), 6.4], [daysAgo(10), 6.3]],
  CREA: [[daysAgo(10), 100]],
});
