import { TRPCError } from "@trpc/server";
import { serverCaller } from "@/app/_trpc/server";

export const runtime = "nodejs";

/**
 * GET /h/<tenant>/patients/<id>/report?locale=zh-CN — the patient's health report as a PDF download.
 * Goes through the same tRPC procedure as every other call (session, tenant membership, permission
 * `report.generate`, patient scope, audit).
 */
export async function GET(request: Request, { params }: { params: Promise<{ tenant: string; patientId: string }> }) {
  const { tenant, patientId } = await params;
  const locale = new URL(request.url).searchParams.get("locale") === "en" ? "en" : "zh-CN";
  try {
    const caller = await serverCaller(tenant);
    const r = await caller.report.generate({ patientId, locale });
    return new Response(Buffer.from(r.pdfBase64, "base64"), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${r.fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof TRPCError) {
      const status = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_REQUEST: 400 }[error.code as string] ?? 500;
      return new Response(null, { status });
    }
    throw error;
  }
}
