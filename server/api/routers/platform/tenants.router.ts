import { z } from "zod";
import { TENANT_SLUG_PATTERN } from "@/db/tenant";
import { ZAddStaffInput, ZAddStaffOutput } from "../staff/staff.schema";
import * as service from "@/server/modules/platform/tenants.service";
import { createTRPCRouter, platformProcedure } from "../../trpc";

const ZTenantSummary = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  timeZone: z.string(),
  status: z.enum(["active", "suspended"]),
  staff: z.number(),
  createdAt: z.date(),
});

const ZSlug = z.string().regex(TENANT_SLUG_PATTERN);
const timeZones = new Set(Intl.supportedValuesOf("timeZone"));

export const ZCreateTenantInput = z.object({
  slug: ZSlug,
  name: z.string().trim().min(2).max(100),
  nameEn: z.string().trim().min(2).max(100).nullish(),
  timeZone: z
    .string()
    .refine((tz) => timeZones.has(tz) || tz === "UTC")
    .default("Asia/Shanghai"),
});

export const platformTenantsRouter = createTRPCRouter({
  list: platformProcedure("platform.tenants.read")
    .output(z.array(ZTenantSummary))
    .query(async ({ ctx }) =>
      (await service.listTenants(ctx.database)).map((r) => ({
        id: r.id,
        slug: r.slug,
        name: r.name,
        nameEn: r.name_en,
        timeZone: r.time_zone,
        status: r.status,
        staff: r.staff,
        createdAt: r.created_at,
      })),
    ),

  create: platformProcedure("platform.tenants.manage")
    .input(ZCreateTenantInput)
    .output(z.object({ id: z.string(), slug: z.string() }))
    .mutation(({ ctx, input }) => service.createTenant(ctx.database, ctx.actor, input)),

  setStatus: platformProcedure("platform.tenants.manage")
    .input(z.object({ slug: ZSlug, status: z.enum(["active", "suspended"]) }))
    .output(z.object({ slug: z.string(), status: z.enum(["active", "suspended"]) }))
    .mutation(({ ctx, input }) => service.setTenantStatus(ctx.database, ctx.actor, input.slug, input.status)),

  /** A new organisation's first administrator (or a further one). */
  addAdmin: platformProcedure("platform.tenants.manage")
    .input(ZAddStaffInput.omit({ role: true }).extend({ slug: ZSlug }))
    .output(ZAddStaffOutput)
    .mutation(({ ctx, input }) => service.addTenantAdmin(ctx.database, ctx.actor, ctx.user.id, ctx.meta.locale, input)),
});
