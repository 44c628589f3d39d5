import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "@/server/auth/password-policy";
import { TENANT_ROLES } from "@/server/shared/permissions";

export const ZTenantRole = z.enum(TENANT_ROLES);

export const ZStaffMember = z.object({
  userId: z.string().uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.string(),
  status: z.enum(["active", "deactivated"]),
  mfaEnrolled: z.boolean(),
  lastSignInAt: z.date().nullable(),
  isSelf: z.boolean(),
});
export type TStaffMember = z.infer<typeof ZStaffMember>;

export const ZAddStaffInput = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  role: ZTenantRole,
  displayName: z.string().trim().max(100).optional(),
  initialPassword: z.string().max(PASSWORD_MAX_LENGTH).optional(),
});
export type TAddStaffInput = z.infer<typeof ZAddStaffInput>;

export const ZAddStaffOutput = z.object({ userId: z.string().uuid(), created: z.boolean() });

export const ZChangeRoleInput = z.object({ userId: z.string().uuid(), role: ZTenantRole });
export const ZStaffUserInput = z.object({ userId: z.string().uuid() });
export const ZSetStatusInput = z.object({ userId: z.string().uuid(), status: z.enum(["active", "deactivated"]) });
