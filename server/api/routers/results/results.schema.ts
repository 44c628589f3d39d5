import { z } from "zod";
import { ZColumnMapping } from "@/server/modules/results/import/mapping";

export const ZFormat = z.enum(["csv", "xlsx", "hl7v2", "fhir"]);
const ZParams = z.record(z.string(), z.union([z.string(), z.number()]));
const ZCounts = z.object({ rows: z.number(), imported: z.number(), queued: z.number(), unchanged: z.number(), rejected: z.number(), reports: z.number(), observations: z.number() });

export const ZImportReport = z.object({
  batchId: z.uuid(),
  status: z.enum(["committed", "rejected"]),
  fileError: z.object({ reason: z.string(), params: ZParams }).nullable(),
  counts: ZCounts,
  rows: z.array(z.object({ rowNo: z.number(), outcome: z.enum(["imported", "queued", "unchanged", "rejected"]), reason: z.string().nullable(), params: ZParams, patientId: z.string().nullable(), matchedBy: z.enum(["patientId", "cardNo", "idNumber", "mrn"]).nullable(), observations: z.number() })),
  rowsTruncated: z.boolean(),
});

const ZNum = z.number().finite().nullable();
export const ZRange = z.object({
  sex: z.enum(["any", "male", "female"]),
  ageMin: z.number().int().min(0).max(150),
  ageMax: z.number().int().min(1).max(200).nullable(),
  low: ZNum,
  high: ZNum,
  criticalLow: ZNum,
  criticalHigh: ZNum,
});

export const ZIndicatorInput = z.object({
  code: z.string().trim().regex(/^[A-Z0-9_]{1,32}$/, { error: "errors.invalidInput" }),
  loinc: z.string().trim().regex(/^\d{1,7}-\d$/).nullable(),
  nameZh: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().min(1).max(100),
  category: z.string().trim().min(1).max(40),
  unit: z.string().trim().max(30),
  valueType: z.enum(["numeric", "ordinal", "text"]),
  decimals: z.number().int().min(0).max(4),
  plausibleMin: ZNum,
  plausibleMax: ZNum,
  normalValues: z.array(z.string().trim().min(1).max(20)).max(20).default([]),
  ranges: z.array(ZRange).max(20).default([]),
  conversions: z.array(z.object({ unit: z.string().trim().min(1).max(30), factor: z.number().finite().refine((v) => v !== 0), shift: z.number().finite().default(0) })).max(20).default([]),
});

export const ZIndicator = z.object({
  id: z.uuid(),
  code: z.string(),
  loinc: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  category: z.string(),
  unit: z.string(),
  valueType: z.enum(["numeric", "ordinal", "text"]),
  decimals: z.number(),
  plausibleMin: z.number().nullable(),
  plausibleMax: z.number().nullable(),
  normalValues: z.array(z.string()),
  active: z.boolean(),
  ranges: z.array(ZRange),
  conversions: z.array(z.object({ unit: z.string(), factor: z.number(), shift: z.number() })),
});

export const ZUploadInput = z.object({
  format: ZFormat,
  // base64 of at most 8 MB (the service checks the decoded size too).
  fileBase64: z.string().min(1).max(11_200_000),
  source: z.string().trim().min(1).max(100),
  mapping: ZColumnMapping.nullish(),
  mappingId: z.uuid().nullish(),
  saveMappingAs: z.string().trim().min(1).max(60).nullish(),
});
