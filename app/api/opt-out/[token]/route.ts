import { requestMetaFromHeaders } from "@/server/api/request-meta";
import { withdrawByOptOut } from "@/server/modules/consent/consent.service";
import { getDatabase } from "@/server/tenancy/database";

export const dynamic = "force-dynamic";

/** RFC 8058 one-click unsubscribe (List-Unsubscribe-Post) from mail clients: POST only. */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const { ip, userAgent } = requestMetaFromHeaders(request.headers);
  const result = await withdrawByOptOut(await getDatabase(), decodeURIComponent(token), { ip, userAgent });
  return Response.json({ ok: result.ok }, { status: result.ok ? 200 : 400, headers: { "cache-control": "no-store" } });
}
