import { z } from "zod";

export const ZDepartment = z.object({
  id: z.uuid(),
  name: z.string(),
  nameEn: z.string().nullable(),
  /** The lead that overdue 重要异常结果 items escalate to. */
  lead: z.object({ userId: z.uuid(), displayName: z.string().nullable() }).nullable(),
  updatedAt: z.date(),
});
export type TDepartment = z.infer<typeof ZDepartment>;

export const ZDepartmentByIdInput = z.object({ id: z.uuid() });

const name = z.string().trim().min(1).max(100);
export const ZCreateDepartmentInput = z.object({ name, nameEn: name.nullish() });
export const ZRenameDepartmentInput = z.object({ id: z.uuid(), name, nameEn: name.nullish() });

export const ZSetDepartmentLeadInput = z.object({ id: z.uuid(), leadUserId: z.uuid().nullable() });

interface DepartmentRowLike {
  id: string;
  name: string;
  name_en: string | null;
  lead_user_id: string | null;
  lead_name?: string | null;
  updated_at: Date;
}

export function toDepartmentDto(row: DepartmentRowLike): TDepartment {
  return { id: row.id, name: row.name, nameEn: row.name_en, lead: row.lead_user_id ? { userId: row.lead_user_id, displayName: row.lead_name ?? null } : null, updatedAt: row.updated_at };
}
