import type { TFormDocument } from "@/server/shared/forms/document";
import { GAD7 } from "./gad7";
import { LIFESTYLE } from "./lifestyle";
import { PHQ9 } from "./phq9";
import { PRE_CHECKUP } from "./pre-checkup";
import { SATISFACTION } from "./satisfaction";

/** The built-in library published as version 1 in every tenant (frozen: changes go into a new migration). */
export const BUILTIN_FORMS: { code: string; kind: "questionnaire" | "consultation"; document: TFormDocument }[] = [
  { code: "phq9", kind: "questionnaire", document: PHQ9 },
  { code: "gad7", kind: "questionnaire", document: GAD7 },
  { code: "lifestyle", kind: "questionnaire", document: LIFESTYLE },
  { code: "pre-checkup", kind: "consultation", document: PRE_CHECKUP },
  { code: "satisfaction", kind: "questionnaire", document: SATISFACTION },
];
