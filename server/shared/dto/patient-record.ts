import { z } from "zod";

/** 健康档案 content. Stored as one sealed JSON document per version (clinical free text is encrypted). */
const t = (max: number) => z.string().trim().min(1).max(max);
const date = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, { error: "errors.dateInvalid" }).refine((s) => s <= new Date().toISOString().slice(0, 10), { error: "errors.dateInFuture" });

export const ZFamilyHistoryRelation = z.enum(["father", "mother", "sibling", "child", "grandparent", "other"]);

export const ZHealthRecordData = z.object({
  pastHistory: z.array(z.object({ condition: t(100), since: date.optional(), note: t(500).optional() })).max(50).default([]),
  allergies: z.array(z.object({ substance: t(100), reaction: t(200).optional(), severity: z.enum(["mild", "moderate", "severe"]).optional() })).max(50).default([]),
  medications: z.array(z.object({ name: t(100), dose: t(50).optional(), frequency: t(50).optional(), since: date.optional() })).max(50).default([]),
  familyHistory: z.array(z.object({ relation: ZFamilyHistoryRelation, condition: t(100) })).max(50).default([]),
  surgeries: z.array(z.object({ name: t(100), date: date.optional(), hospital: t(100).optional() })).max(50).default([]),
  lifestyle: z
    .object({
      smoking: z.enum(["never", "former", "current"]).optional(),
      cigarettesPerDay: z.number().int().min(0).max(200).optional(),
      drinking: z.enum(["never", "occasional", "regular"]).optional(),
      diet: t(300).optional(),
      exerciseMinutesPerWeek: z.number().int().min(0).max(10000).optional(),
      sleepHoursPerNight: z.number().min(0).max(24).optional(),
    })
    .default({}),
  occupation: t(100).optional(),
  maritalStatus: z.enum(["single", "married", "divorced", "widowed"]).optional(),
  /** Women only (the service refuses it for other sexes). */
  fertility: z
    .object({
      pregnancies: z.number().int().min(0).max(30).optional(),
      births: z.number().int().min(0).max(30).optional(),
      menarcheAge: z.number().int().min(5).max(25).optional(),
      menopauseAge: z.number().int().min(30).max(70).optional(),
    })
    .optional(),
  notes: t(4000).optional(),
});
export type THealthRecordData = z.infer<typeof ZHealthRecordData>;

export const ZRecordGetInput = z.object({ patientId: z.uuid() });
export const ZHealthRecord = z.object({
  patientId: z.uuid(),
  /** 0 when no record was saved yet (data is then the empty record). */
  version: z.number().int(),
  data: ZHealthRecordData,
  updatedAt: z.date().nullable(),
  updatedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export const ZRecordUpdateInput = z.object({
  patientId: z.uuid(),
  /** The version the editor started from; a newer saved version → CONFLICT (no lost updates). */
  expectedVersion: z.number().int().min(0),
  data: ZHealthRecordData,
});
export const ZRecordVersion = z.object({
  version: z.number().int(),
  changedFields: z.array(z.string()),
  changedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  changedAt: z.date(),
  data: ZHealthRecordData,
});
export const ZRecordHistory = z.array(ZRecordVersion);
