import "server-only";
import { headers } from "next/headers";
import { requestMetaFromHeaders } from "@/server/api/request-meta";
import type { AuthRequestMeta } from "@/server/auth/audit-context";

export async function authRequestMeta(): Promise<AuthRequestMeta> {
  const { requestId, ip, userAgent } = requestMetaFromHeaders(await headers());
  return { requestId, ip, userAgent };
}
