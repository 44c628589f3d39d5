import { handleResultsImport } from "@/server/modules/results/import-endpoint";
import { getDatabase } from "@/server/tenancy/database";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

/** Machine API: tenant API key with scope results.import; see server/modules/results/import-endpoint.ts. */
export async function POST(request: Request): Promise<Response> {
  return handleResultsImport(await getDatabase(), request);
}
