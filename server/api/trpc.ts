/**
 * tRPC in three parts: 1. context, 2. init (error formatting, metadata), 3. the procedure ladder
 * public → authed → tenant → withPermission. Every procedure declares its permission in `meta`;
 * tests/integration/router-permissions.test.ts walks the router and fails on any that does not.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { DatabaseHandle } from "@/db/client";
import { recordAuditStandalone, type AuditActor } from "@/server/audit/record";
import type { SessionUser } from "@/server/auth/types";
import {
  isPlatformPermission,
  isTenantPermission,
  operatorCan,
  roleCan,
  SELF_PERMISSION,
  type Permission,
  type PlatformPermission,
  type TenantPermission,
} from "@/server/shared/permissions";
import { resolveTenantAccess } from "@/server/tenancy/resolve";
import { localiseMessage, localiseZodIssues } from "./localize-error";
import type { RequestMeta } from "./request-meta";

// ── 1. Context ──────────────────────────────────────────────────────────────
export interface Context {
  database: DatabaseHandle;
  user: SessionUser | null;
  meta: RequestMeta;
  /** Tenant slug the caller asked for (header `x-carepath-tenant`); unverified until the tenant middleware. */
  requestedTenant: string | null;
}

// ── 2. Init ─────────────────────────────────────────────────────────────────
export interface ProcedureMeta {
  permission: Permission;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error, ctx }) {
      const locale = ctx?.meta.locale ?? "zh-CN";
      const zod = error.cause instanceof ZodError ? localiseZodIssues(error.cause, locale) : null;
      // Internal errors never reach the client with SQL, stacks or paths.
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      const message = internal
        ? localiseMessage("errors.internal", locale)
        : zod
          ? `${localiseMessage("errors.invalidInput", locale)} ${zod.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ")}`
          : localiseMessage(shape.message, locale);
      return {
        message,
        code: shape.code,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          requestId: ctx?.meta.requestId ?? null,
          zodIssues: zod,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// ── 3. Procedures ───────────────────────────────────────────────────────────
function actorFor(ctx: Context, role: string | null, tenantId: string | null): AuditActor {
  return {
    userId: ctx.user?.id ?? null,
    role,
    tenantId,
    requestId: ctx.meta.requestId,
    ip: ctx.meta.ip,
    userAgent: ctx.meta.userAgent,
  };
}

const authed = t.procedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "errors.unauthorized" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Any signed-in account, for its own data only (profile, tenant list, own sessions). */
export const selfProcedure = authed.meta({ permission: SELF_PERMISSION });

/** Platform operator procedures; no tenant handle is ever bound here. */
export function platformProcedure(permission: PlatformPermission) {
  if (!isPlatformPermission(permission)) throw new Error(`${permission} is not a platform permission`);
  return authed.meta({ permission }).use(async ({ ctx, next, path }) => {
    if (!ctx.user.isPlatformOperator || !operatorCan(permission)) {
      await recordAuditStandalone(ctx.database.control, actorFor(ctx, null, null), {
        action: "permission.denied",
        outcome: "denied",
        details: { permission, procedure: path },
      });
      throw new TRPCError({ code: "FORBIDDEN", message: "errors.forbidden" });
    }
    return next({ ctx: { ...ctx, actor: actorFor(ctx, "platform_operator", null) } });
  });
}

/**
 * Tenant procedures: membership verified, `ctx.db` bound to the tenant schema, permission checked.
 * Unknown tenants and tenants the caller does not belong to are both NOT_FOUND.
 */
export function tenantProcedure(permission: TenantPermission) {
  if (!isTenantPermission(permission)) throw new Error(`${permission} is not a tenant permission`);
  return authed.meta({ permission }).use(async ({ ctx, next, path }) => {
    const result = await resolveTenantAccess(ctx.database, ctx.requestedTenant, ctx.user.id);
    if (!result.ok) {
      if (result.reason === "suspended") throw new TRPCError({ code: "FORBIDDEN", message: "errors.tenantSuspended" });
      throw new TRPCError({ code: "NOT_FOUND", message: "errors.notFound" });
    }
    const { tenant, role, db } = result.access;
    const actor = actorFor(ctx, role, tenant.id);
    if (!roleCan(role, permission)) {
      await recordAuditStandalone(db, actor, {
        action: "permission.denied",
        outcome: "denied",
        details: { permission, procedure: path },
      });
      throw new TRPCError({ code: "FORBIDDEN", message: "errors.forbidden" });
    }
    return next({ ctx: { ...ctx, tenant, role, db, actor } });
  });
}
