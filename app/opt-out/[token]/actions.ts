"use server";

import { headers } from "next/headers";
import { requestMetaFromHeaders } from "@/server/api/request-meta";
import { withdrawByOptOut, type OptOutResult } from "@/server/modules/consent/consent.service";
import { getDatabase } from "@/server/tenancy/database";

/** The confirm button of the opt-out page: the withdrawal is recorded at once. */
export async function confirmOptOut(token: string): Promise<OptOutResult> {
  const { ip, userAgent } = requestMetaFromHeaders(await headers());
  return withdrawByOptOut(await getDatabase(), token, { ip, userAgent });
}
