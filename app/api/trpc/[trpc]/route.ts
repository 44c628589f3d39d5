import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { createRequestContext } from "@/server/api/context";
import { localiseMessage } from "@/server/api/localize-error";
import { localeFromCookieHeader } from "@/server/api/request-meta";

/** Larger batches are rejected with 400 before any procedure runs (and before the session is read). */
const MAX_BATCH_SIZE = 20;

function batchTooLarge(req: Request): Response | null {
  const path = new URL(req.url).pathname.slice("/api/trpc/".length);
  if (path.split(",").length <= MAX_BATCH_SIZE) return null;
  const message = localiseMessage("errors.batchTooLarge", localeFromCookieHeader(req.headers.get("cookie")));
  return Response.json([{ error: { json: { message, code: -32600, data: { code: "BAD_REQUEST", httpStatus: 400 } } } }], { status: 400 });
}

function handler(req: Request) {
  return (
    batchTooLarge(req) ??
    fetchRequestHandler({
      endpoint: "/api/trpc",
      req,
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: () => createRequestContext(req.headers),
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path ?? "?"}:`, error.cause ?? error);
      },
    })
  );
}

export { handler as GET, handler as POST };
