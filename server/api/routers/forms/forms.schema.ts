import { z } from "zod";
import { ZAnswers } from "@/server/shared/forms/answers";
import { SEVERITIES, ZText } from "@/server/shared/forms/document";

export const ZFormCode = z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, { error: "errors.formCodeInvalid" });
export const ZFormKind = z.enum(["questionnaire", "consultation"]);

/** The document is validated by the service (its problems are named by item); here only its outer shape. */
const ZDocumentInput = z.record(z.string(), z.unknown());

export const ZFormListItem = z.object({
  id: z.uuid(),
  code: z.string(),
  kind: ZFormKind,
  builtin: z.boolean(),
  title: ZText,
  currentVersion: z.number().int().nullable(),
  draftChanged: z.boolean(),
  archived: z.boolean(),
  scoreIds: z.array(z.string()),
  updatedAt: z.date(),
});

export const ZFormCreateInput = z.object({ code: ZFormCode, kind: ZFormKind, document: ZDocumentInput });
export const ZFormSaveInput = z.object({ id: z.uuid(), document: ZDocumentInput, archived: z.boolean().optional() });

export const ZComputedScore = z.object({
  id: z.string(),
  title: ZText,
  value: z.number(),
  answered: z.number().int(),
  of: z.number().int(),
  band: z.object({ label: ZText, severity: z.enum(SEVERITIES) }).nullable(),
});

export const ZResponseSummary = z.object({
  id: z.uuid(),
  status: z.enum(["in_progress", "completed", "cancelled"]),
  channel: z.enum(["staff", "link"]),
  definitionId: z.uuid(),
  code: z.string(),
  version: z.number().int(),
  title: ZText,
  scores: z.array(ZComputedScore),
  createdAt: z.date(),
  completedAt: z.date().nullable(),
  linkExpiresAt: z.date().nullable(),
});

export const ZSaveAnswersInput = z.object({ responseId: z.uuid(), answers: ZAnswers, complete: z.boolean().default(false) });
export const ZLinkInput = z.object({ patientId: z.uuid(), definitionId: z.uuid(), validHours: z.number().int().min(1).max(24 * 30).default(72), responseId: z.uuid().optional() });
