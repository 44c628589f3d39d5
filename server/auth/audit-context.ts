import type { AuditActor } from "@/server/audit/record";

/** Where an authentication request came from: recorded with every auth audit event. */
export interface AuthRequestMeta {
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

/** Auth events happen outside any tenant: they go to the control chain with tenantId null. */
export function authActor(meta: AuthRequestMeta, userId: string | null, role: string | null = null): AuditActor {
  return { userId, role, tenantId: null, requestId: meta.requestId, ip: meta.ip, userAgent: meta.userAgent };
}
