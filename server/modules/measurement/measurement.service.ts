import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "@/server/audit/record";
import { inPatientTransaction, isoDate, keyring, loadPatientInScope, patientKey, type PatientContext } from "@/server/modules/patient/patient-context";
import { loadCatalogue } from "@/server/modules/results/catalogue.repository";
import { ObservationsRejected, writeObservations } from "@/server/modules/results/observation-writer";
import type { TManualEntryInput, TManualEntryResult, TManualIndicator } from "@/server/shared/dto/measurement";

/** Rejection reasons of the observation writer → error catalogue keys shown beside the value. */
const REASON_KEYS: Record<string, string> = {
  valueImplausible: "errors.measurementImplausible",
  unitUnknown: "errors.measurementUnitUnknown",
  valueNotNumeric: "errors.measurementValue",
  valueMissing: "errors.measurementValue",
  dateInFuture: "errors.measuredInFuture",
  dateBeforeBirth: "errors.measuredBeforeBirth",
  indicatorInactive: "errors.indicatorUnknown",
};

/**
 * A refusal shaped like an input validation error (issues at `values.<i>.<field>`), so the form shows
 * each message beside its value. Built by a failing parse: zod 4 errors made with `new` are not `Error`s.
 */
function rejected(issues: { index: number; field: "code" | "value" | "unit"; key: string }[]): TRPCError {
  const refusal = z.unknown().superRefine((_, ctx) => {
    for (const i of issues) ctx.addIssue({ code: "custom", path: ["values", i.index, i.field], message: i.key });
  });
  return new TRPCError({ code: "BAD_REQUEST", message: "errors.invalidInput", cause: refusal.safeParse(null).error });
}

/** Numeric, active indicators of the catalogue, with the units each accepts (for the entry form). */
export async function manualIndicators(ctx: PatientContext): Promise<TManualIndicator[]> {
  const catalogue = await loadCatalogue(ctx.db);
  return catalogue.entries
    .filter((e) => e.active && e.valueType === "numeric")
    .map((e) => ({ code: e.code, name: e.nameZh, nameEn: e.nameEn, unit: e.unit, units: [...new Set([e.unit, ...e.conversions.map((c) => c.unit)])] }));
}

/**
 * A measurement taken by hand (BP at a visit, weight, glucose): the same observation writer as the
 * imports — unit conversion, plausibility (SBP 900 is refused), reference range, flag — and the same
 * after-write hook, so an abnormal value opens its 重要异常结果 item in this transaction.
 */
export async function recordManualMeasurement(ctx: PatientContext, input: TManualEntryInput): Promise<TManualEntryResult> {
  const ring = await keyring(ctx);
  const codes = input.values.map((v) => v.code.toUpperCase());
  const duplicate = codes.findIndex((c, i) => codes.indexOf(c) !== i);
  if (duplicate >= 0) throw rejected([{ index: duplicate, field: "code", key: "errors.measurementDuplicateCode" }]);
  return inPatientTransaction(ctx, async (trx) => {
    const p = await loadPatientInScope(ctx, trx, input.patientId, "measurement.record");
    const catalogue = await loadCatalogue(trx);
    const unknown = input.values.map((v, index) => ({ index, entry: catalogue.find(v.code) })).filter((x) => !x.entry || x.entry.code.toUpperCase() !== codes[x.index] || x.entry.valueType !== "numeric");
    if (unknown.length) throw rejected(unknown.map((u) => ({ index: u.index, field: "code" as const, key: "errors.indicatorUnknown" })));
    try {
      const written = await writeObservations(
        trx,
        { tenantId: ctx.tenant.id, actor: ctx.actor },
        {
          patient: { id: p.id, sex: p.sex, birthDate: isoDate(p.birth_date), key: patientKey(ring, p.id, p.key_sealed) },
          reportId: null,
          sourceKind: "manual",
          sourceId: null,
          drafts: input.values.map((v) => ({ indicator: catalogue.find(v.code)!, observedAt: input.measuredAt, value: v.value, unit: v.unit })),
        },
      );
      const items = await trx
        .selectFrom("abnormal_item_observations as f")
        .innerJoin("abnormal_items as a", "a.id", "f.item_id")
        .select(["a.id", "a.class"])
        .distinct()
        .where("f.observation_id", "in", written.map((w) => w.id))
        .orderBy("a.class")
        .execute();
      await recordAudit(trx, ctx.actor, {
        action: "measurement.record",
        resourceType: "observation",
        patientId: p.id,
        purpose: "care",
        details: { codes, observationIds: written.map((w) => w.id), abnormalItems: items.map((i) => i.id) },
      });
      return { observationIds: written.map((w) => w.id), abnormalItems: items.map((i) => ({ id: i.id, class: i.class })) };
    } catch (error) {
      if (error instanceof ObservationsRejected) {
        throw rejected(error.rejections.map((r) => ({ index: r.index, field: r.reason === "unitUnknown" ? ("unit" as const) : ("value" as const), key: REASON_KEYS[r.reason] ?? "errors.invalidInput" })));
      }
      throw error;
    }
  });
}
