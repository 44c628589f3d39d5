import { readFileSync } from "node:fs";
import path from "node:path";
import type { DatabaseHandle } from "@/db/client";
import { forTenant } from "@/db/tenant";
import type { SessionUser } from "@/server/auth/types";
import type { ImportContext } from "@/server/modules/results/import/import.service";
import { makeCardNumber } from "@/server/modules/patient/rules/card-number";
import { makeIdNumber } from "@/server/modules/patient/rules/id-number";
import { callerFor } from "./caller";

/** An import context acting as `user` in `tenant` (what the tRPC layer and the API build). */
export function importContext(db: DatabaseHandle, tenant: { id: string; slug: string }, user: SessionUser | null = null): ImportContext {
  return {
    db: forTenant(db.unsafeRoot, tenant.slug),
    database: db,
    tenant,
    actor: { userId: user?.id ?? null, role: user ? "doctor" : "system", tenantId: tenant.id, requestId: "test", ip: "10.0.0.1", userAgent: "vitest" },
    timeZone: "Asia/Shanghai",
  };
}

export function bytes(text: string): AsyncIterable<Buffer> {
  return (async function* () {
    yield Buffer.from(text, "utf8");
  })();
}

export function fixture(name: string): string {
  return readFileSync(path.resolve(__dirname, "../fixtures/results", name), "utf8");
}

let seq = 0;
/** A patient with a known card number and ID number, opened through the real service. */
export async function patientWithIdentifiers(db: DatabaseHandle, admin: SessionUser, slug: string, p: { name: string; birthDate: string; sex: "male" | "female" }) {
  const cardNumber = makeCardNumber();
  seq += 1;
  const idNumber = makeIdNumber("110105", p.birthDate, (p.sex === "male" ? 1 : 2) + 2 * ((Date.now() + seq * 7) % 400));
  const opened = await callerFor(db, admin, slug).patient.openCard({
    patient: { name: p.name, birthDate: p.birthDate, sex: p.sex, idNumber },
    card: { level: "金卡", validFrom: "2026-01-01", validTo: "2027-01-01", cardNumber },
  });
  if (opened.outcome !== "created") throw new Error("expected created");
  return { id: opened.patientId, cardNumber, idNumber };
}
