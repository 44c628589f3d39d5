import type { AuditTables, CreatedAt, WithDefault } from "./audit";

export interface DepartmentsTable {
  id: string;
  name: string;
  name_en: string | null;
  lead_user_id: string | null;
  created_at: CreatedAt;
  updated_at: WithDefault<Date>;
}

/** Tables of one tenant schema (`t_<slug>`). Identical in every tenant. */
export type TenantDatabase = AuditTables & {
  departments: DepartmentsTable;
};
