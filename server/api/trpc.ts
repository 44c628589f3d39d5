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
import { resolveTenantAccess, type TenantAccessResult } from "@/server/tenancy/resolve";
import { localiseMessage, localiseZodIssues } from "./localize-error";
import type { RequestMeta } from "./request-meta";

// ── 1. Context ──────────────────────────────────────────────────────────────
export interface Context {
  database: DatabaseHandle;
  user: SessionUser | null;
  meta: RequestMeta;
  /** Tenant slug the caller asked for (header `x-carepath-tenant`); unverified until the tenant middleware. */
  requestedTenant: string | null;
  /**
   * The tenant gate's verdict for `slug`, already read with the session row (HTTP requests). The
   * tenant middleware uses it only when `slug` is still the requested tenant; otherwise it asks itself.
   */
  tenantAccess?: { slug: string; result: TenantAccessResult };
}

// ── 2. Init ─────────────────────────────────────────────────────────────────
/**
 * Errors raised by tRPC's own request handling (unparsable JSON, unknown path, oversized batch)
 * carry English library text; the caller gets the catalogue message instead.
 */
function transportMessageKey(error: TRPCError): string | null {
  if (error.message.startsWith("errors.")) return null;
  if (error.cause instanceof SyntaxError) return "errors.invalidInput";
  if (["PARSE_ERROR", "METHOD_NOT_SUPPORTED", "UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE"].includes(error.code)) return "errors.invalidInput";
  if (/^No procedure found on path/.test(error.message)) return "errors.notFound";
  if (/^Batch call exceeds maximum size|needs to be an object when doing a batch call/.test(error.message)) return "errors.invalidInput";
  return null;
}

export interface ProcedureMeta {
  permission: Permission;
}

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error, ctx, input }) {
      const locale = ctx?.meta.locale ?? "zh-CN";
      const zod = error.cause instanceof ZodError ? localiseZodIssues(error.cause, locale, input) : null;
      // Internal errors never reach the client with SQL, stacks or paths.
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      const message = internal
        ? localiseMessage("errors.internal", locale)
        : zod
          ? `${localiseMessage("errors.invalidInput", locale)} ${zod.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ")}`
          : localiseMessage(transportMessageKey(error) ?? shape.message, locale);
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

/**
 * Values the database refuses as data although they passed the schema (NUL byte or bad encoding in
 * text, number out of range, unparsable date or literal, too long) are bad input, not a server fault:
 * 400 with the localised message, never 500. Other data exceptions (division by zero …) stay 500.
 */
const INPUT_DATA_EXCEPTIONS = new Set(["22001", "22003", "22007", "22008", "22021", "22025", "22P02", "22P05"]);

const dataExceptionsAreBadInput = t.procedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause: unknown = result.error.cause;
    const sqlState = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : "";
    if (INPUT_DATA_EXCEPTIONS.has(sqlState)) throw new TRPCError({ code: "BAD_REQUEST", message: "errors.invalidInput" });
  }
  return result;
});

const authed = dataExceptionsAreBadInput.use(({ ctx, next }) => {
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
    const result =
      ctx.tenantAccess && ctx.tenantAccess.slug === ctx.requestedTenant
        ? ctx.tenantAccess.result
        : await resolveTenantAccess(ctx.database, ctx.requestedTenant, ctx.user.id);
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
