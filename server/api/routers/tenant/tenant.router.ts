import { z } from "zod";
import { ROLE_PERMISSIONS } from "@/server/shared/permissions";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

export const tenantRouter = createTRPCRouter({
  /** The tenant in the URL as the caller sees it: name, time zone, their role and permissions. */
  current: tenantProcedure("tenant.read")
    .output(
      z.object({
        slug: z.string(),
        name: z.string(),
        nameEn: z.string().nullable(),
        timeZone: z.string(),
        role: z.string(),
        permissions: z.array(z.string()),
      }),
    )
    .query(({ ctx }) => ({
      slug: ctx.tenant.slug,
      name: ctx.tenant.name,
      nameEn: ctx.tenant.nameEn,
      timeZone: ctx.tenant.timeZone,
      role: ctx.role,
      permissions: [...ROLE_PERMISSIONS[ctx.role]],
    })),
});
