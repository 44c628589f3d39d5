import { TRPCError } from "@trpc/server";
import { v7 as uuidv7 } from "uuid";
import { recordAudit } from "@/server/audit/record";
import { badInput, type PatientContext } from "@/server/modules/patient/patient-context";
import { loadCatalogue } from "./catalogue.repository";

export interface RangeInput {
  sex: "any" | "male" | "female";
  ageMin: number;
  ageMax: number | null;
  low: number | null;
  high: number | null;
  criticalLow: number | null;
  criticalHigh: number | null;
}

export async function listCatalogue(ctx: PatientContext) {
  return (await loadCatalogue(ctx.db)).entries.map((e) => ({ ...e }));
}

/** Bands of one sex (or "any") must not overlap; low ≤ high; critical limits outside the normal range; at least one limit. */
export function checkRanges(ranges: RangeInput[]): void {
  for (const r of ranges) {
    if (r.low === null && r.high === null && r.criticalLow === null && r.criticalHigh === null) throw badInput("rangeNoBound");
    if (r.low !== null && r.high !== null && r.low > r.high) throw badInput("rangeBounds");
    if (r.criticalLow !== null && r.low !== null && r.criticalLow > r.low) throw badInput("rangeBounds");
    if (r.criticalHigh !== null && r.high !== null && r.criticalHigh < r.high) throw badInput("rangeBounds");
    if (r.ageMax !== null && r.ageMax <= r.ageMin) throw badInput("rangeBounds");
  }
  for (let i = 0; i < ranges.length; i++) {
    for (let j = i + 1; j < ranges.length; j++) {
      const a = ranges[i]!;
      const b = ranges[j]!;
      if (a.sex !== b.sex) continue;
      const overlap = a.ageMin < (b.ageMax ?? Infinity) && b.ageMin < (a.ageMax ?? Infinity);
      if (overlap) throw badInput("rangesOverlap");
    }
  }
}

export async function createIndicator(
  ctx: PatientContext,
  input: { code: string; loinc: string | null; nameZh: string; nameEn: string; category: string; unit: string; valueType: "numeric" | "ordinal" | "text"; decimals: number; plausibleMin: number | null; plausibleMax: number | null; normalValues: string[]; ranges: RangeInput[]; conversions: { unit: string; factor: number; shift: number }[] },
) {
  checkRanges(input.ranges);
  if (input.plausibleMin !== null && input.plausibleMax !== null && input.plausibleMin >= input.plausibleMax) throw badInput("rangeBounds");
  return ctx.db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom("indicators").select("id").where("code", "=", input.code).executeTakeFirst();
    if (taken) throw new TRPCError({ code: "CONFLICT", message: "errors.indicatorCodeTaken" });
    const id = uuidv7();
    const max = await trx.selectFrom("indicators").select((eb) => eb.fn.max("sort_order").as("m")).executeTakeFirst();
    await trx
      .insertInto("indicators")
      .values({ id, code: input.code, loinc: input.loinc, name_zh: input.nameZh, name_en: input.nameEn, category: input.category, unit: input.unit, value_type: input.valueType, decimals: input.decimals, plausible_min: input.plausibleMin, plausible_max: input.plausibleMax, normal_values: JSON.stringify(input.normalValues), sort_order: Number(max?.m ?? 0) + 10 })
      .execute();
    await writeRanges(trx, id, input.ranges);
    if (input.conversions.length) await trx.insertInto("indicator_units").values(input.conversions.map((c) => ({ id: uuidv7(), indicator_id: id, unit: c.unit, factor: c.factor, shift: c.shift }))).execute();
    await recordAudit(trx, ctx.actor, { action: "results.indicator_create", resourceType: "indicator", resourceId: id, details: { code: input.code } });
    return { id };
  });
}

async function writeRanges(trx: PatientContext["db"], indicatorId: string, ranges: RangeInput[]) {
  await trx.deleteFrom("indicator_ranges").where("indicator_id", "=", indicatorId).execute();
  if (!ranges.length) return;
  await trx
    .insertInto("indicator_ranges")
    .values(ranges.map((r) => ({ id: uuidv7(), indicator_id: indicatorId, sex: r.sex, age_min: r.ageMin, age_max: r.ageMax, low: r.low, high: r.high, critical_low: r.criticalLow, critical_high: r.criticalHigh })))
    .execute();
}

/** Replaces the default ranges of an indicator (existing observations keep the range they were flagged with). */
export async function updateRanges(ctx: PatientContext, input: { indicatorId: string; ranges: RangeInput[] }) {
  checkRanges(input.ranges);
  return ctx.db.transaction().execute(async (trx) => {
    const ind = await trx.selectFrom("indicators").select(["id", "code"]).where("id", "=", input.indicatorId).executeTakeFirst();
    if (!ind) throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    await writeRanges(trx, ind.id, input.ranges);
    await trx.updateTable("indicators").set({ updated_at: new Date() }).where("id", "=", ind.id).execute();
    await recordAudit(trx, ctx.actor, { action: "results.ranges_update", resourceType: "indicator", resourceId: ind.id, details: { code: ind.code, ranges: input.ranges.length } });
    return { ok: true as const };
  });
}
