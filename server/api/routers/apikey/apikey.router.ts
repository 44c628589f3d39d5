import { z } from "zod";
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from "@/server/modules/apikey/apikey-admin.service";
import { API_SCOPES } from "@/server/modules/apikey/apikey.service";
import { createTRPCRouter, tenantProcedure } from "../../trpc";

const ZNewKey = z.object({ id: z.uuid(), key: z.string() });

export const apiKeyRouter = createTRPCRouter({
  list: tenantProcedure("apikey.manage")
    .output(z.array(z.object({ id: z.uuid(), prefix: z.string(), name: z.string(), scopes: z.array(z.string()), createdAt: z.date(), lastUsedAt: z.date().nullable(), revokedAt: z.date().nullable() })))
    .query(({ ctx }) => listApiKeys(ctx)),
  create: tenantProcedure("apikey.manage")
    .input(z.object({ name: z.string().trim().min(1).max(100), scopes: z.array(z.enum(API_SCOPES)).min(1) }))
    .output(ZNewKey)
    .mutation(({ ctx, input }) => createApiKey(ctx, input)),
  rotate: tenantProcedure("apikey.manage").input(z.object({ id: z.uuid() })).output(ZNewKey).mutation(({ ctx, input }) => rotateApiKey(ctx, input)),
  revoke: tenantProcedure("apikey.manage").input(z.object({ id: z.uuid() })).output(z.object({ ok: z.literal(true) })).mutation(({ ctx, input }) => revokeApiKey(ctx, input)),
});
