import { z } from "zod";
import { createTRPCRouter, selfProcedure } from "../../trpc";

const ZMyTenant = z.object({ slug: z.string(), name: z.string(), nameEn: z.string().nullable(), role: z.string() });

export const accountRouter = createTRPCRouter({
  /** Tenants this account is an active member of (the tenant switcher shows exactly these). */
  myTenants: selfProcedure.output(z.array(ZMyTenant)).query(async ({ ctx }) => {
    const rows = await ctx.database.control
      .selectFrom("memberships as m")
      .innerJoin("tenants as t", "t.id", "m.tenant_id")
      .select(["t.slug", "t.name", "t.name_en", "m.role"])
      .where("m.user_id", "=", ctx.user.id)
      .where("m.status", "=", "active")
      .where("t.status", "=", "active")
      .orderBy("t.name")
      .execute();
    return rows.map((r) => ({ slug: r.slug, name: r.name, nameEn: r.name_en, role: r.role }));
  }),
});
