import { z } from "zod";

/** Indicators a measurement can be entered for by hand, with the units the catalogue can convert from. */
export const ZManualIndicator = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  unit: z.string(),
  units: z.array(z.string()),
});
export type TManualIndicator = z.infer<typeof ZManualIndicator>;

export const MAX_MANUAL_VALUES = 10;

export const ZManualEntryInput = z.object({
  patientId: z.uuid(),
  /** When it was measured; not in the future (a minute of clock skew allowed). */
  measuredAt: z.date().refine((d) => d.getTime() <= Date.now() + 60_000, { error: "errors.measuredInFuture" }),
  values: z
    .array(
      z.object({
        code: z.string().trim().min(1).max(32),
        value: z.number({ error: "errors.measurementValue" }).finite(),
        unit: z.string().trim().min(1).max(20),
      }),
    )
    .min(1)
    .max(MAX_MANUAL_VALUES),
});
export type TManualEntryInput = z.infer<typeof ZManualEntryInput>;

export const ZManualEntryResult = z.object({
  observationIds: z.array(z.uuid()),
  /** Tracked 重要异常结果 items the entry created (class A/B). */
  abnormalItems: z.array(z.object({ id: z.uuid(), class: z.enum(["A", "B"]) })),
});
export type TManualEntryResult = z.infer<typeof ZManualEntryResult>;
