import type { Kysely, Migration } from "kysely";
import * as control_20261129T0000_init from "./control/20261129T0000_init";
import * as control_20261129T0100_mfa_replay_guard from "./control/20261129T0100_mfa_replay_guard";
import * as control_20261129T0200_tenant_data_keys from "./control/20261129T0200_tenant_data_keys";
import * as tenant_20261129T0000_init from "./tenant/20261129T0000_init";
import * as tenant_20261129T0200_patients from "./tenant/20261129T0200_patients";
import * as tenant_20261129T0600_forms_rules from "./tenant/20261129T0600_forms_rules";
import * as tenant_20261129T0500_jobs_outbox from "./tenant/20261129T0500_jobs_outbox";
import * as tenant_20261129T0550_followups from "./tenant/20261129T0550_followups";
import * as control_20261129T0410_api_keys from "./control/20261129T0410_api_keys";
import * as control_20261129T0550_call_routes from "./control/20261129T0550_call_routes";
import * as tenant_20261129T0400_results from "./tenant/20261129T0400_results";
import * as tenant_20261129T0450_abnormal_items from "./tenant/20261129T0450_abnormal_items";
import * as tenant_20261129T0501_reminders_messaging from "./tenant/20261129T0501_reminders_messaging";
import * as tenant_20261129T0700_risk_care from "./tenant/20261129T0700_risk_care";
import * as tenant_20261129T0900_record_facts from "./tenant/20261129T0900_record_facts";
import * as tenant_20261129T0910_followup_observations from "./tenant/20261129T0910_followup_observations";
import * as tenant_20261129T0920_followup_escalation from "./tenant/20261129T0920_followup_escalation";

/** A tenant migration also receives its schema name, for the few raw statements that must name it. */
export interface TenantMigration {
  up(db: Kysely<any>, schema: string): Promise<void>;
}

/** Explicit, ordered registries: a migration that is not listed here does not run. */
export const controlMigrations: Record<string, Migration> = {
  "20261129T0000_init": control_20261129T0000_init,
  "20261129T0100_mfa_replay_guard": control_20261129T0100_mfa_replay_guard,
  "20261129T0200_tenant_data_keys": control_20261129T0200_tenant_data_keys,
  "20261129T0410_api_keys": control_20261129T0410_api_keys,
  "20261129T0550_call_routes": control_20261129T0550_call_routes,
};

export const tenantMigrations: Record<string, TenantMigration> = {
  "20261129T0000_init": tenant_20261129T0000_init,
  "20261129T0200_patients": tenant_20261129T0200_patients,
  "20261129T0400_results": tenant_20261129T0400_results,
  "20261129T0450_abnormal_items": tenant_20261129T0450_abnormal_items,
  "20261129T0500_jobs_outbox": tenant_20261129T0500_jobs_outbox,
  "20261129T0501_reminders_messaging": tenant_20261129T0501_reminders_messaging,
  "20261129T0550_followups": tenant_20261129T0550_followups,
  "20261129T0600_forms_rules": tenant_20261129T0600_forms_rules,
  "20261129T0700_risk_care": tenant_20261129T0700_risk_care,
  "20261129T0900_record_facts": tenant_20261129T0900_record_facts,
  "20261129T0910_followup_observations": tenant_20261129T0910_followup_observations,
  "20261129T0920_followup_escalation": tenant_20261129T0920_followup_escalation,
};
