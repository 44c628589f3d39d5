import type { NextRequest } from "next/server";
import { serve } from "inngest/next";
import { inngest } from "@/server/jobs/client";
import { functions } from "@/server/jobs/functions";
import { inngestServeRefusal } from "@/server/jobs/serve-policy";

export const dynamic = "force-dynamic";
// A step may call an SMTP or SMS provider; leave it time to finish.
export const maxDuration = 60;

const handler = serve({ client: inngest, functions });

function guarded(method: (req: NextRequest, res: unknown) => Promise<Response>) {
  return async (req: NextRequest, res: unknown): Promise<Response> => {
    const refusal = inngestServeRefusal();
    if (refusal) return Response.json({ error: "inngest_not_configured", message: refusal }, { status: 503, headers: { "cache-control": "no-store" } });
    return method(req, res);
  };
}

export const GET = guarded(handler.GET);
export const POST = guarded(handler.POST);
export const PUT = guarded(handler.PUT);
