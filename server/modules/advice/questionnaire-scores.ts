import type { TenantDb } from "@/db/tenant";

/**
 * Latest questionnaire scores of a patient by instrument (PHQ-9, GAD-7), for advice matching.
 * Questionnaire responses belong to the forms domain; until its tables exist there are no scores and
 * questionnaire-keyed templates are simply not proposed.
 */
export async function loadQuestionnaireScores(db: TenantDb, patientId: string): Promise<Map<string, number>> {
  void db;
  void patientId;
  return new Map();
}
