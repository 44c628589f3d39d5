import type { TenantDb } from "@/db/tenant";

export interface DepartmentRow {
  id: string;
  name: string;
  name_en: string | null;
  lead_user_id: string | null;
  created_at: Date;
  updated_at: Date;
}

const columns = ["id", "name", "name_en", "lead_user_id", "created_at", "updated_at"] as const;

export function findDepartmentById(db: TenantDb, id: string): Promise<DepartmentRow | undefined> {
  return db.selectFrom("departments").select(columns).where("id", "=", id).executeTakeFirst();
}

export function listDepartments(db: TenantDb): Promise<DepartmentRow[]> {
  return db.selectFrom("departments").select(columns).orderBy("name").execute();
}

export function insertDepartment(db: TenantDb, row: Pick<DepartmentRow, "id" | "name" | "name_en" | "lead_user_id">): Promise<DepartmentRow> {
  return db.insertInto("departments").values(row).returning(columns).executeTakeFirstOrThrow();
}

export function updateDepartment(
  db: TenantDb,
  id: string,
  patch: Partial<Pick<DepartmentRow, "name" | "name_en" | "lead_user_id">>,
): Promise<DepartmentRow | undefined> {
  return db
    .updateTable("departments")
    .set({ ...patch, updated_at: new Date() })
    .where("id", "=", id)
    .returning(columns)
    .executeTakeFirst();
}
