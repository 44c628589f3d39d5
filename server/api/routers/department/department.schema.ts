import { z } from "zod";

export const ZDepartment = z.object({
  id: z.uuid(),
  name: z.string(),
  nameEn: z.string().nullable(),
  updatedAt: z.date(),
});
export type TDepartment = z.infer<typeof ZDepartment>;

export const ZDepartmentByIdInput = z.object({ id: z.uuid() });

const name = z.string().trim().min(1).max(100);
export const ZCreateDepartmentInput = z.object({ name, nameEn: name.nullish() });
export const ZRenameDepartmentInput = z.object({ id: z.uuid(), name, nameEn: name.nullish() });

export function toDepartmentDto(row: { id: string; name: string; name_en: string | null; updated_at: Date }): TDepartment {
  return { id: row.id, name: row.name, nameEn: row.name_en, updatedAt: row.updated_at };
}
