import { RateLimiterMemory } from "rate-limiter-flexible";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import { recordAuditStandalone, type AuditActor } from "@/server/audit/record";
import { verifyApiKey } from "@/server/modules/apikey/apikey.service";
import { requestMetaFromHeaders } from "@/server/api/request-meta";
import { CONTENT_TYPES, IMPORT_LIMITS, importFile } from "./import/import-file";
import { localiseReport, reasonText } from "./import/localise-report";

/** 30 files per minute and key; a busy LIS sends one message per report, batched. */
const limiter = new RateLimiterMemory({ points: 30, duration: 60 });

function negotiate(header: string | null): "zh-CN" | "en" {
  return /^\s*en\b/i.test(header ?? "") ? "en" : "zh-CN";
}

function json(status: number, body: unknown, extra: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...extra } });
}

async function* bodyChunks(body: ReadableStream<Uint8Array> | null): AsyncGenerator<Buffer> {
  if (!body) return;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield Buffer.from(value);
    }
  } finally {
    reader.releaseLock();
  }
}

/**
 * POST /api/v1/results/import — `Authorization: Bearer cpk_…` with scope `results.import`; the format
 * follows Content-Type; the answer is the per-row report (200 committed, 422 rejected). Unknown or
 * revoked keys → 401, wrong scope → 403 (audited in the key's tenant), too many requests → 429,
 * body over the format's limit → 413. Each use is audited with the import (one event per file).
 */
export async function handleResultsImport(database: DatabaseHandle, request: Request): Promise<Response> {
  const locale = negotiate(request.headers.get("accept-language"));
  const meta = requestMetaFromHeaders(request.headers);
  const check = await verifyApiKey(database.control, request.headers.get("authorization"), "results.import");
  const tenant = check.ok || check.key ? await database.control.selectFrom("tenants").select(["id", "slug", "status", "time_zone"]).where("id", "=", check.ok ? check.key.tenantId : check.key!.tenantId).executeTakeFirst() : undefined;
  const actor: AuditActor = { userId: null, role: "api_key", tenantId: tenant?.id ?? null, requestId: meta.requestId, ip: meta.ip, userAgent: meta.userAgent };
  if (!check.ok) {
    const details = { reason: check.reason, ...(check.key ? { apiKeyId: check.key.id } : {}) };
    if (tenant) await recordAuditStandalone(forTenant(database.unsafeRoot, tenant.slug), actor, { action: "apikey.denied", outcome: "denied", resourceType: "api_key", ...(check.key ? { resourceId: check.key.id } : {}), details });
    else await recordAuditStandalone(database.control, actor, { action: "apikey.denied", outcome: "denied", resourceType: "api_key", details });
    const status = check.reason === "scope" ? 403 : 401;
    return json(status, { error: status === 403 ? "forbidden" : "unauthorized", message: reasonText(locale, "fileErrors", status === 403 ? "apiKeyScope" : "apiKeyInvalid", {}) }, status === 401 ? { "www-authenticate": 'Bearer realm="carepath"' } : {});
  }
  if (!tenant || tenant.status !== "active") return json(403, { error: "tenant_suspended", message: reasonText(locale, "fileErrors", "tenantUnavailable", {}) });
  try {
    await limiter.consume(check.key.id);
  } catch {
    return json(429, { error: "rate_limited", message: reasonText(locale, "fileErrors", "rateLimited", {}) }, { "retry-after": "60" });
  }
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const format = CONTENT_TYPES[contentType];
  if (!format) return json(415, { error: "unsupported_media_type", message: reasonText(locale, "fileErrors", "unsupportedType", {}) });
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > IMPORT_LIMITS[format]) {
    return json(413, { error: "too_large", message: reasonText(locale, "fileErrors", "tooLarge", { format, maxMb: Math.floor(IMPORT_LIMITS[format] / 1024 / 1024) }) });
  }
  const url = new URL(request.url);
  const source = url.searchParams.get("source")?.slice(0, 100) || null;
  const ctx = { db: forTenant(database.unsafeRoot, tenant.slug), database, tenant: { id: tenant.id, slug: tenant.slug }, actor: { ...actor, userId: null }, timeZone: tenant.time_zone };
  const report = await importFile(ctx, { format, body: bodyChunks(request.body), source: source ?? `api:${check.key.name}`, channel: "api", apiKeyId: check.key.id });
  const status = report.status === "committed" ? 200 : report.fileError?.reason === "tooLarge" ? 413 : 422;
  return json(status, localiseReport(report, locale));
}
